import type { Insertable, Updateable } from 'kysely';
import type { Address, PlacedTenant } from '../../core/model/tenant.js';
import type { TenantTable } from '../tables/tenant.table.js';
import { fromFlag, parseJsonColumn, toFlag, toJsonColumn } from './columns.js';

/** What a write may change of a tenant; a move changes its parent and its path together. */
export type TenantChanges = Partial<
  Pick<PlacedTenant, 'code' | 'name' | 'parentId' | 'path' | 'enabled' | 'address' | 'settings' | 'updatedAt'>
>;

export function tenantFromRow(row: TenantTable): PlacedTenant {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    path: row.path,
    enabled: fromFlag(row.enabled),
    address: row.address === null ? null : parseJsonColumn<Address>(row.address, 'tenants.address'),
    settings: parseJsonColumn<Record<string, unknown>>(row.settings, 'tenants.settings'),
    accountNumber: row.account_number,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function tenantToRow(tenant: PlacedTenant): Insertable<TenantTable> {
  return {
    id: tenant.id,
    code: tenant.code,
    name: tenant.name,
    parent_id: tenant.parentId,
    path: tenant.path,
    enabled: toFlag(tenant.enabled),
    address: tenant.address === null ? null : toJsonColumn(tenant.address),
    settings: toJsonColumn(tenant.settings),
    account_number: tenant.accountNumber,
    created_at: tenant.createdAt,
    updated_at: tenant.updatedAt,
    version: tenant.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function tenantChangesToRow(changes: TenantChanges): Updateable<TenantTable> {
  return {
    ...(changes.code !== undefined && { code: changes.code }),
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
    ...(changes.path !== undefined && { path: changes.path }),
    ...(changes.enabled !== undefined && { enabled: toFlag(changes.enabled) }),
    ...(changes.address !== undefined && {
      address: changes.address === null ? null : toJsonColumn(changes.address),
    }),
    ...(changes.settings !== undefined && { settings: toJsonColumn(changes.settings) }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
