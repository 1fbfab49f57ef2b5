import { idempotencyKey, ifMatch, type Schema } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { textField } from '../lib/form-fields.js';
import { cloneInput } from '../profile-input.js';
import { useSession } from '../session.js';

/** Edit, clone and delete of one profile (shown with the profiles:write scope only). */
export function ProfileActions({
  profile,
  etag,
  onReload,
}: {
  profile: Schema<'Profile'>;
  etag: string | undefined;
  onReload: () => void;
}) {
  const { api } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState<'clone' | 'delete' | undefined>();
  const [error, setError] = useState<unknown>();
  const attempt = async (write: () => Promise<void>) => {
    setError(undefined);
    try {
      await write();
    } catch (caught) {
      setError(caught);
    }
  };
  const clone = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = textField(new FormData(event.currentTarget), 'cloneName');
    void attempt(async () => {
      const { data } = await api.post('/v1/profiles', {
        body: cloneInput(profile, name, () => crypto.randomUUID()),
        headers: idempotencyKey(),
      });
      void navigate(`/profiles/${data.id}`);
    });
  };
  const remove = () =>
    void attempt(async () => {
      await api.delete('/v1/profiles/{id}', { params: { path: { id: profile.id } }, headers: ifMatch(etag) });
      void navigate('/profiles');
    });
  return (
    <div className="profile-actions">
      <div className="actions">
        <Link className="button" to={`/profiles/${profile.id}/edit`}>
          Edit
        </Link>
        <button type="button" aria-expanded={open === 'clone'} onClick={() => setOpen('clone')}>
          Clone
        </button>
        <button type="button" aria-expanded={open === 'delete'} onClick={() => setOpen('delete')}>
          Delete
        </button>
      </div>
      {open === 'clone' && (
        <form className="inline-form" onSubmit={clone}>
          <label>
            Name of the copy
            <input name="cloneName" required maxLength={200} defaultValue={`${profile.name} (copy)`} />
          </label>
          <button type="submit">Create the copy</button>
          <button type="button" onClick={() => setOpen(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {open === 'delete' && (
        <div className="inline-form" role="group" aria-label="Confirm deletion">
          <p>
            Delete <strong>{profile.name}</strong>? Its assignments are deleted with it.
          </p>
          <button type="button" className="danger" onClick={remove}>
            Yes, delete it
          </button>
          <button type="button" onClick={() => setOpen(undefined)}>
            Cancel
          </button>
        </div>
      )}
      <ErrorMessage
        error={error}
        onReload={() => {
          setError(undefined);
          onReload();
        }}
      />
    </div>
  );
}
