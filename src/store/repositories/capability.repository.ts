import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { CapabilityTable } from '../tables/capability.table.js';

export type CapabilityRow = CapabilityTable;

export const capabilityFields: FieldMap = {
  id: { column: 'capabilities.name', type: 'string', sortable: true },
  name: { column: 'capabilities.name', type: 'string', sortable: true },
  displayName: { column: 'capabilities.display_name', type: 'string', sortable: true },
};

/** The catalog is global: capability names mean the same thing in every tenant. */
export async function listCapabilities(db: Executor, params: ListParams): Promise<Page<CapabilityRow>> {
  return listPage(db.selectFrom('capabilities').selectAll('capabilities'), capabilityFields, params, 'name');
}

export async function findCapability(db: Executor, name: string): Promise<CapabilityRow | undefined> {
  return db.selectFrom('capabilities').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function capabilityNames(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('capabilities').select('name').execute();
  return new Set(rows.map((r) => r.name));
}
