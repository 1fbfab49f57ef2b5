import { readSnapshot } from '../../store/repositories/snapshot.repository.js';
import type { CoreContext } from '../context.js';
import { assignmentFromRow } from '../mappers/assignment.mapper.js';
import { profileFromRow } from '../mappers/profile.mapper.js';
import { tenantFromRow } from '../mappers/tenant.mapper.js';
import { groupFromRow, userFromRow } from '../mappers/user.mapper.js';
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

export const tenantDoc = (t: Tenant): TenantDoc => ({
  id: t.id,
  code: t.code,
  name: t.name,
  parentId: t.parentId,
  enabled: t.enabled,
  address: t.address,
  settings: t.settings,
  ...stamps(t),
});

export const userDoc = (u: User): UserDoc => ({
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
  directory: u.directory,
  ...stamps(u),
});

export const groupDoc = (g: Group): GroupDoc => ({
  id: g.id,
  tenantId: g.tenantId,
  name: g.name,
  description: g.description,
  provider: g.provider,
  sid: g.sid,
  memberIds: g.memberIds,
  ...stamps(g),
});

export const profileDoc = (p: Profile): ProfileDoc => ({
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
  createdBy: p.createdBy,
  updatedBy: p.updatedBy,
  lastAccessedAt: toIsoOrNull(p.lastAccessedAt),
  ...stamps(p),
});

export const assignmentDoc = (a: Assignment): AssignmentDoc => ({
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
  const members = new Map<string, string[]>();
  for (const m of snap.groupMembers) members.set(m.group_id, [...(members.get(m.group_id) ?? []), m.user_id]);
  const grants = new Map<string, typeof snap.profileCapabilities>();
  for (const g of snap.profileCapabilities)
    grants.set(g.profile_id, [...(grants.get(g.profile_id) ?? []), g]);
  return {
    format: 'profiled',
    formatVersion: 1,
    tenants: snap.tenants.map((r) => tenantDoc(tenantFromRow(r))),
    users: snap.users.map((r) => userDoc(userFromRow(r))),
    groups: snap.groups.map((r) => groupDoc(groupFromRow(r, members.get(r.id) ?? []))),
    profiles: snap.profiles.map((r) => profileDoc(profileFromRow(r, grants.get(r.id) ?? []))),
    assignments: snap.assignments.map((r) => assignmentDoc(assignmentFromRow(r))),
  };
}
