import { ifMatch } from '@profiled/sdk';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useLoad } from '../components/useLoad.js';
import { useCan, useSession } from '../session.js';
import { UserForm, type UserFields } from './UserForm.js';

/** One user: their fields and directory facts; edit, disable and enable with the write scope. */
export function UserDetail() {
  const { api, tenant } = useSession();
  const canWrite = useCan('users:write');
  const id = useParams().id ?? '';
  const user = useLoad(() => api.get('/v1/users/{id}', { params: { path: { id } } }), `${tenant} ${id}`);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>();
  if (user.loading && !user.data) return <Loading what="the user" />;
  if (!user.data) return <ErrorMessage error={user.error} />;
  const { data, etag } = user.data;
  const reload = () => {
    setError(undefined);
    setEditing(false);
    user.reload();
  };
  const save = async (fields: UserFields) => {
    await api.patch('/v1/users/{id}', {
      params: { path: { id } },
      body: { ...fields, username: fields.username ?? data.username },
      headers: ifMatch(etag),
    });
    reload();
  };
  const setEnabled = async (enabled: boolean) => {
    setError(undefined);
    try {
      await api.patch('/v1/users/{id}', {
        params: { path: { id } },
        body: { enabled },
        headers: ifMatch(etag),
      });
      user.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section>
      <p>
        <Link to="/users">All users</Link>
      </p>
      <div className="heading">
        <h1>{data.displayName ?? data.username}</h1>
        {canWrite && !editing && (
          <div className="actions">
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" onClick={() => void setEnabled(!data.enabled)}>
              {data.enabled ? 'Disable' : 'Enable'}
            </button>
          </div>
        )}
      </div>
      <ErrorMessage error={error} onReload={reload} />
      {editing ? (
        <UserForm
          user={data}
          submitLabel="Save"
          onSave={save}
          onCancel={() => setEditing(false)}
          onReload={reload}
        />
      ) : (
        <dl className="facts">
          <dt>Username</dt>
          <dd>{data.username}</dd>
          <dt>State</dt>
          <dd>{data.enabled ? 'Enabled' : 'Disabled'}</dd>
          <dt>Email</dt>
          <dd>{data.email ?? '—'}</dd>
          <dt>Name</dt>
          <dd>{[data.givenName, data.familyName].filter(Boolean).join(' ') || '—'}</dd>
          <dt>Nickname</dt>
          <dd>{data.nickname ?? '—'}</dd>
          <dt>Employee id</dt>
          <dd>{data.employeeId ?? '—'}</dd>
          <dt>Role</dt>
          <dd>{data.role ?? '—'}</dd>
          <dt>Locale</dt>
          <dd>{data.locale ?? '—'}</dd>
          <dt>Updated</dt>
          <dd>
            {new Date(data.updatedAt).toLocaleString()} (version {data.version})
          </dd>
        </dl>
      )}
      <h2>Directory</h2>
      {data.directory.directoryId === null && data.directory.provider === null ? (
        <p>Kept by hand: no directory account.</p>
      ) : (
        <dl className="facts">
          <dt>Provider</dt>
          <dd>{data.directory.provider ?? '—'}</dd>
          <dt>Entry</dt>
          <dd>
            <code>{data.directory.fqdn ?? data.directory.sid ?? '—'}</code>
          </dd>
          <dt>Groups</dt>
          <dd>{data.directory.actualGroups.join(', ') || 'None'}</dd>
          <dt>Attributes</dt>
          <dd>
            {data.directory.actualAttributes.length === 0 ? (
              'None'
            ) : (
              <ul>
                {data.directory.actualAttributes.map((attribute) => (
                  <li key={`${attribute.name}=${attribute.value}`}>
                    {attribute.name}: {attribute.value}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {data.directory.vanishedAt && (
            <>
              <dt>Gone from the directory</dt>
              <dd>{new Date(data.directory.vanishedAt).toLocaleString()}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
