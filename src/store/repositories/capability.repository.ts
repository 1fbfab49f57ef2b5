import type { Capability } from '../../core/model/capability.js';
import { capabilityFromRow } from '../codecs/capability.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';

const capabilityFields: FieldMap = {
  id: { column: 'capabilities.name', type: 'string', sortable: true },
  name: { column: 'capabilities.name', type: 'string', sortable: true },
  displayName: { column: 'capabilities.display_name', type: 'string', sortable: true },
};

/** The catalog is global: capability names mean the same thing in every tenant. */
export async function listCapabilities(db: Executor, params: ListParams): Promise<Page<Capability>> {
  const page = await listPage(
    db.selectFrom('capabilities').selectAll('capabilities'),
    capabilityFields,
    params,
    'name',
  );
  return { ...page, rows: page.rows.map(capabilityFromRow) };
}

export async function findCapability(db: Executor, name: string): Promise<Capability | undefined> {
  const row = await db.selectFrom('capabilities').selectAll().where('name', '=', name).executeTakeFirst();
  return row && capabilityFromRow(row);
}

export async function capabilityNames(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('capabilities').select('name').execute();
  return new Set(rows.map((r) => r.name));
}
