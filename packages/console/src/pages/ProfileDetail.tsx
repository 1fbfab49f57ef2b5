import type { Schema } from '@profiled/sdk';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useCapabilities } from '../components/useCapabilities.js';
import { useLoad } from '../components/useLoad.js';
import { useCan, useSession } from '../session.js';
import { CapabilityGrid } from './CapabilityGrid.js';
import { ProfileActions } from './ProfileActions.js';

/** One profile: its capability grid, additional capabilities, roles, permissions and policies. */
export function ProfileDetail() {
  const { api, tenant } = useSession();
  const canWrite = useCan('profiles:write');
  const id = useParams().id ?? '';
  const catalog = useCapabilities();
  const profile = useLoad(
    () => api.get('/v1/profiles/{id}', { params: { path: { id } } }),
    `${tenant} ${id}`,
  );
  if (profile.loading && !profile.data) return <Loading what="the profile" />;
  if (!profile.data) return <ErrorMessage error={profile.error} />;
  const { data, etag } = profile.data;
  return (
    <section>
      <p>
        <Link to="/profiles">All profiles</Link>
      </p>
      <div className="heading">
        <h1>
          {data.initials && (
            <span className="initials" style={data.color ? { background: data.color } : undefined}>
              {data.initials}
            </span>
          )}
          {data.name}
        </h1>
        {canWrite && <ProfileActions profile={data} etag={etag} onReload={profile.reload} />}
      </div>
      {data.description && <p>{data.description}</p>}
      <dl className="facts">
        <dt>State</dt>
        <dd>{data.enabled ? 'Enabled' : 'Disabled'}</dd>
        <dt>Audience</dt>
        <dd>
          {data.audience === 'accessible-tenants' ? 'Every tenant this one administers' : 'This tenant'}
        </dd>
        <dt>Session duration</dt>
        <dd>{duration(data.sessionDurationSeconds)}</dd>
        <dt>Changed</dt>
        <dd>
          {new Date(data.updatedAt).toLocaleString()} by {data.updatedBy} (version {data.version})
        </dd>
      </dl>
      {catalog.loading && <Loading what="the capability catalog" />}
      <ErrorMessage error={catalog.error} />
      {catalog.data && <CapabilityGrid catalog={catalog.data} grants={data.capabilities} />}
      <h2>Additional capabilities</h2>
      <Names names={data.additionalCapabilities} />
      <h2>Roles</h2>
      <Names names={data.roles} />
      <h2>Permissions</h2>
      <Permissions permissions={data.permissions} />
      <h2>Policies</h2>
      <Policies policies={data.policies} />
      <h2>Directory groups and attributes it asks for</h2>
      <Names
        names={[
          ...data.desiredGroups.map((group) => `group ${group.name}`),
          ...data.desiredLdapAttributes.map((attribute) => `${attribute.name} = ${attribute.value}`),
        ]}
      />
    </section>
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) return 'The service default';
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function Names({ names }: { names: string[] }) {
  if (names.length === 0) return <p>None.</p>;
  return (
    <ul className="names">
      {names.map((name) => (
        <li key={name}>{name}</li>
      ))}
    </ul>
  );
}

function Permissions({ permissions }: { permissions: Schema<'Profile'>['permissions'] }) {
  if (permissions.length === 0) return <p>None.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Version</th>
          <th scope="col">Resource type</th>
          <th scope="col">Variables</th>
        </tr>
      </thead>
      <tbody>
        {permissions.map((permission) => (
          <tr key={permission.permissionId}>
            <td>
              {permission.name}
              {permission.description && <div className="hint">{permission.description}</div>}
            </td>
            <td>{permission.version}</td>
            <td>{permission.resourceType ?? '—'}</td>
            <td>
              {permission.variables.length === 0
                ? '—'
                : permission.variables.map((variable) => (
                    <div key={variable.name}>
                      <code>{variable.name}</code> ={' '}
                      {variable.promptAtCheckout
                        ? 'asked at check-out'
                        : variable.isSystemDefined
                          ? 'set by the system'
                          : variable.type === 'password'
                            ? '(hidden)'
                            : (variable.value ?? '—')}
                    </div>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Policies({ policies }: { policies: Schema<'Profile'>['policies'] }) {
  if (policies.length === 0) return <p>None.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Policy</th>
          <th scope="col">Effect</th>
          <th scope="col">Members</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {policies.map((policy) => (
          <tr key={policy.id}>
            <td>{policy.name}</td>
            <td>{policy.accessType}</td>
            <td>{policy.members.map((member) => `${member.memberType} ${member.id}`).join(', ') || '—'}</td>
            <td>
              {[policy.isActive ? 'active' : 'inactive', policy.isDraft && 'draft']
                .filter(Boolean)
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
