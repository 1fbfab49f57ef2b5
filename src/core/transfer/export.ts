import { readSnapshot } from '../../store/repositories/snapshot.repository.js';
import type { CoreContext } from '../context.js';
import type { Assignment } from '../model/assignment.js';
import type { CatalogPermission } from '../model/catalog-permission.js';
import type { Checkout } from '../model/checkout.js';
import type { Directory, SyncReport } from '../model/directory.js';
import type { Label } from '../model/label.js';
import type { Profile } from '../model/profile.js';
import type { ResourceType } from '../model/resource-type.js';
import type { Role } from '../model/role.js';
import type { Tenant } from '../model/tenant.js';
import { toIso, toIsoOrNull } from '../model/time.js';
import type { Group, User } from '../model/user.js';
import type {
  AssignmentDoc,
  CheckoutDoc,
  DirectoryDoc,
  GroupDoc,
  LabelDoc,
  PermissionDoc,
  ProfileDoc,
  ResourceTypeDoc,
  RoleDoc,
  SyncReportDoc,
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
  accountNumber: t.accountNumber,
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
  directory: {
    provider: u.directory.provider,
    fqdn: u.directory.fqdn,
    sid: u.directory.sid,
    actualGroups: u.directory.actualGroups,
    actualAttributes: u.directory.actualAttributes,
    directoryId: u.directory.directoryId,
    externalId: u.directory.externalId,
    vanishedAt: toIsoOrNull(u.directory.vanishedAt),
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
  fqdn: g.fqdn,
  directoryId: g.directoryId,
  externalId: g.externalId,
  vanishedAt: toIsoOrNull(g.vanishedAt),
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

const roleDoc = (r: Role): RoleDoc => ({
  id: r.id,
  tenantId: r.tenantId,
  name: r.name,
  kind: r.kind,
  description: r.description,
  capabilities: r.capabilities,
  permissions: r.permissions,
  ...stamps(r),
});

const resourceTypeDoc = (t: ResourceType): ResourceTypeDoc => ({
  id: t.id,
  tenantId: t.tenantId,
  name: t.name,
  description: t.description,
  ...stamps(t),
});

const permissionDoc = (p: CatalogPermission): PermissionDoc => ({
  id: p.id,
  tenantId: p.tenantId,
  resourceTypeId: p.resourceTypeId,
  name: p.name,
  description: p.description,
  isDraft: p.isDraft,
  versions: p.versions.map((v) => ({
    version: v.version,
    variables: v.variables,
    createdAt: toIso(v.createdAt),
  })),
  ...stamps(p),
});

const labelDoc = (l: Label): LabelDoc => ({
  id: l.id,
  tenantId: l.tenantId,
  keyName: l.keyName,
  description: l.description,
  values: l.values,
  ...stamps(l),
});

const syncReportDoc = (r: SyncReport): SyncReportDoc => ({
  ...r,
  startedAt: toIso(r.startedAt),
  finishedAt: toIso(r.finishedAt),
});

/** A directory's configuration; its bind password stays in this installation (see DirectoryDoc). */
const directoryDoc = (d: Directory): DirectoryDoc => ({
  id: d.id,
  tenantId: d.tenantId,
  name: d.name,
  provider: d.provider,
  url: d.url,
  startTls: d.startTls,
  caCertificate: d.caCertificate,
  tlsVerify: d.tlsVerify,
  bindDn: d.bindDn,
  baseDn: d.baseDn,
  userFilter: d.userFilter,
  groupFilter: d.groupFilter,
  attributes: d.attributes,
  attributeMap: d.attributeMap,
  writable: d.writable,
  lastSync: d.lastSync === null ? null : syncReportDoc(d.lastSync),
  ...stamps(d),
});

const checkoutDoc = (c: Checkout): CheckoutDoc => ({
  id: c.id,
  tenantId: c.tenantId,
  profileId: c.profileId,
  userId: c.userId,
  assignmentId: c.assignmentId,
  policyId: c.policyId,
  checkedOutAt: toIso(c.checkedOutAt),
  expiresAt: toIso(c.expiresAt),
  extensionsUsed: c.extensionsUsed,
  checkedInAt: toIsoOrNull(c.checkedInAt),
});

/**
 * The whole installation as one document; importing it into an empty database recreates it
 * exactly, but for the directories' bind passwords (see DirectoryDoc).
 */
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
    directories: snap.directories.map(directoryDoc),
    roles: snap.roles.map(roleDoc),
    resourceTypes: snap.resourceTypes.map(resourceTypeDoc),
    permissions: snap.permissions.map(permissionDoc),
    labels: snap.labels.map(labelDoc),
    checkouts: snap.checkouts.map(checkoutDoc),
  };
}
