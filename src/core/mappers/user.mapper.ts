import type { GroupRow } from '../../store/repositories/group.repository.js';
import type { UserRow } from '../../store/repositories/user.repository.js';
import type { DirectoryAttribute, Group, User } from '../model/user.js';
import { fromFlag, parseJsonColumn } from './json-column.js';

export function userFromRow(row: UserRow): User {
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
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function groupFromRow(row: GroupRow, memberIds: string[]): Group {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    description: row.description,
    provider: row.provider,
    sid: row.sid,
    memberIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
