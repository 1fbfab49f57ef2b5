import type { Directory } from '../../core/model/directory.js';
import {
  directoryChangesToRow,
  directoryFromRow,
  directoryToRow,
  type DirectoryChanges,
} from '../codecs/directory.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const directoryFields: FieldMap = {
  id: { column: 'directories.id', type: 'string', sortable: true },
  name: { column: 'directories.name', type: 'string', sortable: true },
  provider: { column: 'directories.provider', type: 'string', sortable: true },
  url: { column: 'directories.url', type: 'string' },
  baseDn: { column: 'directories.base_dn', type: 'string' },
  lastSyncedAt: { column: 'directories.last_synced_at', type: 'instant', sortable: true },
  createdAt: { column: 'directories.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'directories.updated_at', type: 'instant', sortable: true },
  version: { column: 'directories.version', type: 'number' },
};

const directoriesOf = (db: Executor, tenantId: string) =>
  db.selectFrom('directories').selectAll('directories').where('directories.tenant_id', '=', tenantId);

export async function findDirectory(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Directory | undefined> {
  const row = await directoriesOf(db, tenantId).where('directories.id', '=', id).executeTakeFirst();
  return row && directoryFromRow(row);
}

export async function findDirectoryByName(
  db: Executor,
  tenantId: string,
  name: string,
): Promise<Directory | undefined> {
  const row = await directoriesOf(db, tenantId).where('directories.name', '=', name).executeTakeFirst();
  return row && directoryFromRow(row);
}

/** The sealed bind password of the tenant's directory (read only to bind). */
export async function sealedBindPassword(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('directories')
    .select('bind_password_sealed')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.bind_password_sealed;
}

export async function listDirectories(
  db: Executor,
  tenantId: string,
  params: ListParams,
): Promise<Page<Directory>> {
  const page = await listPage(directoriesOf(db, tenantId), directoryFields, params, 'name');
  return { ...page, rows: page.rows.map(directoryFromRow) };
}

/** Every directory of the installation, for the periodic sync. */
export async function everyDirectory(db: Executor): Promise<Directory[]> {
  const rows = await db.selectFrom('directories').selectAll().orderBy('id').execute();
  return rows.map(directoryFromRow);
}

export async function insertDirectory(
  db: Executor,
  directory: Directory,
  sealedPassword: string,
): Promise<void> {
  await db.insertInto('directories').values(directoryToRow(directory, sealedPassword)).execute();
}

export async function updateDirectory(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: DirectoryChanges,
  sealedPassword?: string,
): Promise<boolean> {
  return updateAtVersion(db, 'directories', { tenantId, id }, expectedVersion, {
    ...directoryChangesToRow(changes),
    ...(sealedPassword !== undefined && { bind_password_sealed: sealedPassword }),
  });
}

export async function deleteDirectory(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'directories', { tenantId, id }, expectedVersion);
}
