import type { TenantRow } from '../../store/repositories/tenant.repository.js';
import type { Address, Tenant } from '../model/tenant.js';
import { fromFlag, parseJsonColumn } from './json-column.js';

export function tenantFromRow(row: TenantRow): Tenant {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    enabled: fromFlag(row.enabled),
    address: row.address === null ? null : parseJsonColumn<Address>(row.address, 'tenants.address'),
    settings: parseJsonColumn<Record<string, unknown>>(row.settings, 'tenants.settings'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Ids of the tenant's ancestors, root first, then the tenant itself (read from its path). */
export function pathIds(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}
