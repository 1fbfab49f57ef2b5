import { idempotencyKey } from '@profiled/sdk';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useCapabilities } from '../components/useCapabilities.js';
import { useSession } from '../session.js';
import { ProfileForm, type ProfileFields } from './ProfileForm.js';

/** A new profile in the acting tenant. */
export function ProfileCreate() {
  const { api } = useSession();
  const navigate = useNavigate();
  const catalog = useCapabilities();
  // One key for this form: a retried submit after a lost answer makes the profile once.
  const [key] = useState(() => idempotencyKey());
  if (catalog.loading) return <Loading what="the capability catalog" />;
  if (!catalog.data) return <ErrorMessage error={catalog.error} />;
  const create = async (fields: ProfileFields) => {
    const { data } = await api.post('/v1/profiles', { body: fields, headers: key });
    void navigate(`/profiles/${data.id}`);
  };
  return (
    <section>
      <h1>New profile</h1>
      <ProfileForm
        catalog={catalog.data}
        submitLabel="Create profile"
        onSave={create}
        onCancel={() => void navigate('/profiles')}
      />
    </section>
  );
}
