import type { AssignmentTable } from './tables/assignment.table.js';
import type { AttemptCountTable } from './tables/attempt-count.table.js';
import type { AuditEventTable } from './tables/audit-event.table.js';
import type { CapabilityTable } from './tables/capability.table.js';
import type { CheckoutLockTable, CheckoutTable } from './tables/checkout.table.js';
import type {
  CatalogPermissionTable,
  CatalogPermissionVersionTable,
} from './tables/catalog-permission.table.js';
import type { CredentialTable, SigningKeyTable, UserLoginTable } from './tables/credential.table.js';
import type { DirectoryTable } from './tables/directory.table.js';
import type { GroupMemberTable, GroupTable } from './tables/group.table.js';
import type { IdempotencyKeyTable } from './tables/idempotency-key.table.js';
import type { LabelTable, LabelValueTable } from './tables/label.table.js';
import type { ProfileCapabilityTable, ProfileTable } from './tables/profile.table.js';
import type { ResourceTypeTable } from './tables/resource-type.table.js';
import type { RoleTable } from './tables/role.table.js';
import type { RotatedRefreshTokenTable } from './tables/rotated-refresh-token.table.js';
import type { TenantTable } from './tables/tenant.table.js';
import type { UsedSignatureTable } from './tables/used-signature.table.js';
import type { UserTable } from './tables/user.table.js';

/** The database as Kysely sees it: one entry per table, snake_case columns. */
export interface DB {
  tenants: TenantTable;
  users: UserTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  capabilities: CapabilityTable;
  profiles: ProfileTable;
  profile_capabilities: ProfileCapabilityTable;
  assignments: AssignmentTable;
  checkouts: CheckoutTable;
  checkout_locks: CheckoutLockTable;
  idempotency_keys: IdempotencyKeyTable;
  credentials: CredentialTable;
  user_logins: UserLoginTable;
  signing_keys: SigningKeyTable;
  audit_events: AuditEventTable;
  attempt_counts: AttemptCountTable;
  rotated_refresh_tokens: RotatedRefreshTokenTable;
  resource_types: ResourceTypeTable;
  catalog_permissions: CatalogPermissionTable;
  catalog_permission_versions: CatalogPermissionVersionTable;
  labels: LabelTable;
  label_values: LabelValueTable;
  roles: RoleTable;
  used_signatures: UsedSignatureTable;
  directories: DirectoryTable;
}
