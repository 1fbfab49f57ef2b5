import { ifMatch } from '@profiled/sdk';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useCapabilities } from '../components/useCapabilities.js';
import { useLoad } from '../components/useLoad.js';
import { useSession } from '../session.js';
import { ProfileForm, type ProfileFields } from './ProfileForm.js';

/**
 * Changes a profile, on condition that nobody changed it since it was read (If-Match): when
 * someone did, the API answers 412 and the form says so and offers to reload.
 */
export function ProfileEdit() {
  const { api, tenant } = useSession();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const catalog = useCapabilities();
  const profile = useLoad(
    () => api.get('/v1/profiles/{id}', { params: { path: { id } } }),
    `${tenant} ${id}`,
  );
  if (catalog.loading || (profile.loading && !profile.data)) return <Loading what="the profile" />;
  if (!catalog.data) return <ErrorMessage error={catalog.error} />;
  if (!profile.data) return <ErrorMessage error={profile.error} />;
  const { data, etag } = profile.data;
  const save = async (fields: ProfileFields) => {
    await api.patch('/v1/profiles/{id}', { params: { path: { id } }, body: fields, headers: ifMatch(etag) });
    void navigate(`/profiles/${id}`);
  };
  return (
    <section>
      <p>
        <Link to={`/profiles/${id}`}>Back to {data.name}</Link>
      </p>
      <h1>Edit {data.name}</h1>
      {/* A reload brings a new version: the form starts again from it. */}
      <ProfileForm
        key={data.version}
        profile={data}
        catalog={catalog.data}
        submitLabel="Save"
        onSave={save}
        onCancel={() => void navigate(`/profiles/${id}`)}
        onReload={profile.reload}
      />
    </section>
  );
}
