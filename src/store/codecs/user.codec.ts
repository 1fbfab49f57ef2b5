import type { Insertable, Updateable } from 'kysely';
import type { DirectoryAttribute, DirectoryFacts, User } from '../../core/model/user.js';
import type { UserTable } from '../tables/user.table.js';
import { fromFlag, parseJsonColumn, toFlag, toJsonColumn } from './columns.js';

/** What a write may change of a user: any stored field but its identity and creation, each directory fact on its own. */
export type UserChanges = Partial<Omit<User, 'id' | 'tenantId' | 'createdAt' | 'version' | 'directory'>> & {
  directory?: Partial<DirectoryFacts> | undefined;
};

export function userFromRow(row: UserTable): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    employeeId: row.employee_id,
    email: row.email,
    givenName: row.given_name,
    familyName: row.family_name,
    nickname: row.nickname,
    role: row.role,
    locale: row.locale,
    enabled: fromFlag(row.enabled),
    directory: {
      provider: row.directory_provider,
      fqdn: row.directory_fqdn,
      sid: row.directory_sid,
      actualGroups: parseJsonColumn<string[]>(row.actual_groups, 'users.actual_groups'),
      actualAttributes: parseJsonColumn<DirectoryAttribute[]>(
        row.actual_attributes,
        'users.actual_attributes',
      ),
      directoryId: row.directory_id,
      externalId: row.directory_external_id,
      vanishedAt: row.directory_vanished_at,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function userToRow(user: User): Insertable<UserTable> {
  const d = user.directory;
  return {
    id: user.id,
    tenant_id: user.tenantId,
    username: user.username,
    display_name: user.displayName,
    employee_id: user.employeeId,
    email: user.email,
    given_name: user.givenName,
    family_name: user.familyName,
    nickname: user.nickname,
    role: user.role,
    locale: user.locale,
    enabled: toFlag(user.enabled),
    directory_provider: d.provider,
    directory_fqdn: d.fqdn,
    directory_sid: d.sid,
    actual_groups: toJsonColumn(d.actualGroups),
    actual_attributes: toJsonColumn(d.actualAttributes),
    directory_id: d.directoryId,
    directory_external_id: d.externalId,
    directory_vanished_at: d.vanishedAt,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    version: user.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function userChangesToRow(changes: UserChanges): Updateable<UserTable> {
  const d = changes.directory;
  return {
    ...(changes.username !== undefined && { username: changes.username }),
    ...(changes.displayName !== undefined && { display_name: changes.displayName }),
    ...(changes.employeeId !== undefined && { employee_id: changes.employeeId }),
    ...(changes.email !== undefined && { email: changes.email }),
    ...(changes.givenName !== undefined && { given_name: changes.givenName }),
    ...(changes.familyName !== undefined && { family_name: changes.familyName }),
    ...(changes.nickname !== undefined && { nickname: changes.nickname }),
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.locale !== undefined && { locale: changes.locale }),
    ...(changes.enabled !== undefined && { enabled: toFlag(changes.enabled) }),
    ...(d?.provider !== undefined && { directory_provider: d.provider }),
    ...(d?.fqdn !== undefined && { directory_fqdn: d.fqdn }),
    ...(d?.sid !== undefined && { directory_sid: d.sid }),
    ...(d?.actualGroups !== undefined && { actual_groups: toJsonColumn(d.actualGroups) }),
    ...(d?.actualAttributes !== undefined && { actual_attributes: toJsonColumn(d.actualAttributes) }),
    ...(d?.directoryId !== undefined && { directory_id: d.directoryId }),
    ...(d?.externalId !== undefined && { directory_external_id: d.externalId }),
    ...(d?.vanishedAt !== undefined && { directory_vanished_at: d.vanishedAt }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
