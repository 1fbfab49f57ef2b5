import type { Insertable, Updateable } from 'kysely';
import type { Directory, DirectoryAttributeMap, SyncReport } from '../../core/model/directory.js';
import type { DirectoryTable } from '../tables/directory.table.js';
import { fromFlag, parseJsonColumn, toFlag, toJsonColumn } from './columns.js';

/** What a write may change of a directory (its sealed password is written on its own). */
export type DirectoryChanges = Partial<Omit<Directory, 'id' | 'tenantId' | 'createdAt' | 'version'>>;

export function directoryFromRow(row: DirectoryTable): Directory {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    provider: row.provider,
    url: row.url,
    startTls: fromFlag(row.start_tls),
    caCertificate: row.ca_certificate,
    tlsVerify: fromFlag(row.tls_verify),
    bindDn: row.bind_dn,
    baseDn: row.base_dn,
    userFilter: row.user_filter,
    groupFilter: row.group_filter,
    attributes: parseJsonColumn<string[]>(row.attributes, 'directories.attributes'),
    attributeMap: parseJsonColumn<DirectoryAttributeMap>(row.attribute_map, 'directories.attribute_map'),
    writable: fromFlag(row.writable),
    lastSync:
      row.last_sync === null ? null : parseJsonColumn<SyncReport>(row.last_sync, 'directories.last_sync'),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function directoryToRow(directory: Directory, sealedBindPassword: string): Insertable<DirectoryTable> {
  return {
    id: directory.id,
    tenant_id: directory.tenantId,
    name: directory.name,
    provider: directory.provider,
    url: directory.url,
    start_tls: toFlag(directory.startTls),
    ca_certificate: directory.caCertificate,
    tls_verify: toFlag(directory.tlsVerify),
    bind_dn: directory.bindDn,
    bind_password_sealed: sealedBindPassword,
    base_dn: directory.baseDn,
    user_filter: directory.userFilter,
    group_filter: directory.groupFilter,
    attributes: toJsonColumn(directory.attributes),
    attribute_map: toJsonColumn(directory.attributeMap),
    writable: toFlag(directory.writable),
    last_sync: directory.lastSync === null ? null : toJsonColumn(directory.lastSync),
    last_synced_at: directory.lastSync?.finishedAt ?? null,
    created_at: directory.createdAt,
    updated_at: directory.updatedAt,
    version: directory.version,
  };
}

/** The columns of the fields given; an absent field leaves its column alone. */
export function directoryChangesToRow(changes: DirectoryChanges): Updateable<DirectoryTable> {
  const c = changes;
  return {
    ...(c.name !== undefined && { name: c.name }),
    ...(c.provider !== undefined && { provider: c.provider }),
    ...(c.url !== undefined && { url: c.url }),
    ...(c.startTls !== undefined && { start_tls: toFlag(c.startTls) }),
    ...(c.caCertificate !== undefined && { ca_certificate: c.caCertificate }),
    ...(c.tlsVerify !== undefined && { tls_verify: toFlag(c.tlsVerify) }),
    ...(c.bindDn !== undefined && { bind_dn: c.bindDn }),
    ...(c.baseDn !== undefined && { base_dn: c.baseDn }),
    ...(c.userFilter !== undefined && { user_filter: c.userFilter }),
    ...(c.groupFilter !== undefined && { group_filter: c.groupFilter }),
    ...(c.attributes !== undefined && { attributes: toJsonColumn(c.attributes) }),
    ...(c.attributeMap !== undefined && { attribute_map: toJsonColumn(c.attributeMap) }),
    ...(c.writable !== undefined && { writable: toFlag(c.writable) }),
    ...(c.lastSync !== undefined && {
      last_sync: c.lastSync === null ? null : toJsonColumn(c.lastSync),
      last_synced_at: c.lastSync?.finishedAt ?? null,
    }),
    ...(c.updatedAt !== undefined && { updated_at: c.updatedAt }),
  };
}
