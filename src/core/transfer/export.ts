import { readSnapshot } from '../../store/repositories/snapshot.repository.js';
import type { CoreContext } from '../context.js';
import type { Assignment } from '../model/assignment.js';
import type { Profile } from '../model/profile.js';
import type { Tenant } from '../model/tenant.js';
import { toIso, toIsoOrNull } from '../model/time.js';
import type { Group, User } from '../model/user.js';
import type {
  AssignmentDoc,
  GroupDoc,
  ProfileDoc,
  TenantDoc,
  TransferDocument,
  UserDoc,
} from './document.schema.js';

const stamps = (x: { createdAt: number; updatedAt: number; version: number }) => ({
  createdAt: toIso(x.createdAt),
  updatedAt: toIso(x.updatedAt),
  version: x.version,
});

const tenantDoc = (t: Tenant): TenantDoc => ({
  id: t.id,
  code: t.code,
  name: t.name,
  parentId: t.parentId,
  enabled: t.enabled,
  address: t.address,
  settings: t.settings,
  ...stamps(t),
});

const userDoc = (u: User): UserDoc => ({
  id: u.id,
  tenantId: u.tenantId,
  username: u.username,
  displayName: u.displayName,
  employeeId: u.employeeId,
  email: u.email,
  givenName: u.givenName,
  familyName: u.familyName,
  nickname: u.nickname,
  role: u.role,
  locale: u.locale,
  enabled: u.enabled,
  // Directories are not in the document (their bind passwords are sealed with this installation's
  // key): the facts go, the tie to a directory entry does not. A sync after an import ties the
  // accounts again, by username.
  directory: {
    provider: u.directory.provider,
    fqdn: u.directory.fqdn,
    sid: u.directory.sid,
    actualGroups: u.directory.actualGroups,
    actualAttributes: u.directory.actualAttributes,
  },
  ...stamps(u),
});

const groupDoc = (g: Group): GroupDoc => ({
  id: g.id,
  tenantId: g.tenantId,
  name: g.name,
  description: g.description,
  provider: g.provider,
  sid: g.sid,
  memberIds: g.memberIds,
  ...stamps(g),
});

const profileDoc = (p: Profile): ProfileDoc => ({
  id: p.id,
  tenantId: p.tenantId,
  name: p.name,
  description: p.description,
  enabled: p.enabled,
  audience: p.audience,
  color: p.color,
  initials: p.initials,
  capabilities: p.capabilities,
  additionalCapabilities: p.additionalCapabilities,
  roles: p.roles,
  sessionDurationSeconds: p.sessionDurationSeconds,
  desiredGroups: p.desiredGroups,
  desiredLdapAttributes: p.desiredLdapAttributes,
  associations: p.associations,
  permissions: p.permissions,
  policies: p.policies,
  advancedSettings: p.advancedSettings,
  checkout: p.checkout,
  createdBy: p.createdBy,
  updatedBy: p.updatedBy,
  lastAccessedAt: toIsoOrNull(p.lastAccessedAt),
  ...stamps(p),
});

const assignmentDoc = (a: Assignment): AssignmentDoc => ({
  id: a.id,
  tenantId: a.tenantId,
  profileId: a.profileId,
  userId: a.userId,
  scopeTenantId: a.scopeTenantId,
  includeDescendants: a.includeDescendants,
  validFrom: toIsoOrNull(a.validFrom),
  validUntil: toIsoOrNull(a.validUntil),
  createdBy: a.createdBy,
  updatedBy: a.updatedBy,
  ...stamps(a),
});

/** The whole installation as one document; importing it into an empty database recreates it exactly. */
export async function exportDocument(ctx: CoreContext): Promise<TransferDocument> {
  const snap = await readSnapshot(ctx.db);
  return {
    format: 'profiled',
    formatVersion: 1,
    tenants: snap.tenants.map(tenantDoc),
    users: snap.users.map(userDoc),
    groups: snap.groups.map(groupDoc),
    profiles: snap.profiles.map(profileDoc),
    assignments: snap.assignments.map(assignmentDoc),
  };
}
