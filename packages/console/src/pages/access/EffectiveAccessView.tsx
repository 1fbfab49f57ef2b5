import type { paths } from '@profiled/sdk';
import { TenantName } from '../../components/TenantName.js';
import { shortId } from '../../components/useIdNames.js';

export type EffectiveAccess =
  paths['/v1/users/{id}/access']['get']['responses'][200]['content']['application/json'];
type Source = EffectiveAccess['sources'][number];

/** A capability's `grantedBy` (profile ids) as the assignments that bring those profiles. */
export function grantingSources(access: EffectiveAccess, profileIds: readonly string[]): Source[] {
  return access.sources.filter((source) => profileIds.includes(source.profileId));
}

const sourceText = (source: Source) => `${source.profileName} (assignment ${shortId(source.assignmentId)})`;

/** One answer of GET /v1/users/{id}/access: capabilities with what grants them, and the rest. */
export function EffectiveAccessView({ access, heading }: { access: EffectiveAccess; heading: string }) {
  const nothing =
    access.capabilities.length === 0 &&
    access.additionalCapabilities.length === 0 &&
    access.roles.length === 0 &&
    access.permissions.length === 0;
  return (
    <section className="effective-access" aria-labelledby="effective-access-heading">
      <h2 id="effective-access-heading">{heading}</h2>
      {access.sources.length === 0 && <p role="status">No profile grants access at this instant.</p>}
      {access.sources.length > 0 && (
        <table className="data-table">
          <caption>Granting assignments</caption>
          <thead>
            <tr>
              <th scope="col">Profile</th>
              <th scope="col">Assignment</th>
              <th scope="col">Scope</th>
            </tr>
          </thead>
          <tbody>
            {access.sources.map((source) => (
              <tr key={source.assignmentId}>
                <th scope="row">{source.profileName}</th>
                <td>
                  <code title={source.assignmentId}>{shortId(source.assignmentId)}</code>
                </td>
                <td>
                  <TenantName id={source.scopeTenantId} />
                  {source.includeDescendants ? ' and below' : ' only'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {access.capabilities.length > 0 && (
        <table className="data-table">
          <caption>Capabilities</caption>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              <th scope="col">Access level</th>
              <th scope="col">View level</th>
              <th scope="col">Granted by</th>
            </tr>
          </thead>
          <tbody>
            {access.capabilities.map((capability) => (
              <tr key={capability.capability}>
                <th scope="row">{capability.capability}</th>
                <td>{capability.accessLevel}</td>
                <td>{capability.viewLevel}</td>
                <td>
                  {grantingSources(access, capability.grantedBy).map(sourceText).join(', ') ||
                    capability.grantedBy.join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!nothing && (
        <dl className="facts">
          <dt>Additional capabilities</dt>
          <dd>{access.additionalCapabilities.join(', ') || 'none'}</dd>
          <dt>Roles</dt>
          <dd>{access.roles.join(', ') || 'none'}</dd>
        </dl>
      )}
      {access.permissions.length > 0 && <PermissionsTable permissions={access.permissions} />}
    </section>
  );
}

interface Variable {
  name?: unknown;
  value?: unknown;
}

/** Permissions come as open objects; name, resource type and variables are what people look for. */
function PermissionsTable({ permissions }: { permissions: EffectiveAccess['permissions'] }) {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return (
    <table className="data-table">
      <caption>Permissions</caption>
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Version</th>
          <th scope="col">Resource type</th>
          <th scope="col">Variables</th>
        </tr>
      </thead>
      <tbody>
        {permissions.map((permission, index) => {
          const variables = Array.isArray(permission.variables) ? (permission.variables as Variable[]) : [];
          return (
            <tr key={`${text(permission.permissionId)}-${index}`}>
              <th scope="row">{text(permission.name) || text(permission.permissionId)}</th>
              <td>{text(permission.version)}</td>
              <td>{text(permission.resourceType)}</td>
              <td>{variables.map((v) => `${text(v.name)} = ${text(v.value)}`).join(', ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
