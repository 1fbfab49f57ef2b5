import { idempotencyKey } from '@profiled/sdk';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../session.js';
import { UserForm, type UserFields } from './UserForm.js';

/** A new user in the acting tenant. */
export function UserCreate() {
  const { api } = useSession();
  const navigate = useNavigate();
  // One key for this form: a retried submit after a lost answer makes the user once.
  const [key] = useState(() => idempotencyKey());
  const create = async (fields: UserFields) => {
    const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
    const { data } = await api.post('/v1/users', {
      body: { ...body, username: fields.username ?? '' },
      headers: key,
    });
    void navigate(`/users/${data.id}`);
  };
  return (
    <section>
      <h1>New user</h1>
      <UserForm submitLabel="Create user" onSave={create} onCancel={() => void navigate('/users')} />
    </section>
  );
}
