import type { Label, LabelValue } from '../../core/model/label.js';
import {
  labelChangesToRow,
  labelFromRow,
  labelToRow,
  labelValuesToRows,
  type LabelChanges,
} from '../codecs/label.codec.js';
import type { Executor } from '../executor.js';
import type { FieldMap } from '../query/fields.js';
import { inChunks } from '../query/in-chunks.js';
import { listPage, type ListParams, type Page } from '../query/list-page.js';
import type { LabelTable } from '../tables/label.table.js';
import { rowsByParent } from './rows-by-parent.js';
import { deleteAtVersion, updateAtVersion } from './versioned-write.js';

const labelFields: FieldMap = {
  id: { column: 'labels.id', type: 'string', sortable: true },
  keyName: { column: 'labels.key_name', type: 'string', sortable: true },
  description: { column: 'labels.description', type: 'string' },
  createdAt: { column: 'labels.created_at', type: 'instant', sortable: true },
  updatedAt: { column: 'labels.updated_at', type: 'instant', sortable: true },
  version: { column: 'labels.version', type: 'number' },
};

/** The labels of these rows, each with its values in their order, in one more query. */
async function withValues(db: Executor, rows: readonly LabelTable[]): Promise<Label[]> {
  const ids = rows.map((r) => r.id);
  const valueRows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('label_values')
          .selectAll()
          .where('label_id', 'in', ids)
          .orderBy('label_id')
          .orderBy('position')
          .execute();
  const values = rowsByParent(ids, valueRows, (v) => v.label_id);
  return rows.map((row) => labelFromRow(row, values.get(row.id) ?? []));
}

async function replaceLabelValues(
  db: Executor,
  labelId: string,
  values: readonly LabelValue[],
): Promise<void> {
  await db.deleteFrom('label_values').where('label_id', '=', labelId).execute();
  if (values.length === 0) return;
  await db.insertInto('label_values').values(labelValuesToRows(labelId, values)).execute();
}

const labelsOf = (db: Executor, tenantId: string) =>
  db.selectFrom('labels').selectAll('labels').where('labels.tenant_id', '=', tenantId);

export async function findLabel(db: Executor, tenantId: string, id: string): Promise<Label | undefined> {
  const row = await labelsOf(db, tenantId).where('labels.id', '=', id).executeTakeFirst();
  return row && (await withValues(db, [row]))[0];
}

/** The tenant's labels among these key names, in no particular order; a constant number of queries. */
export async function findLabelsByKeys(
  db: Executor,
  tenantId: string,
  keyNames: readonly string[],
): Promise<Label[]> {
  const rows = await inChunks(keyNames, (chunk) =>
    labelsOf(db, tenantId).where('labels.key_name', 'in', chunk).execute(),
  );
  return withValues(db, rows);
}

export async function listLabels(db: Executor, tenantId: string, params: ListParams): Promise<Page<Label>> {
  const page = await listPage(labelsOf(db, tenantId), labelFields, params, 'keyName');
  return { ...page, rows: await withValues(db, page.rows) };
}

/** Inserts the label and its values. */
export async function insertLabel(db: Executor, label: Label): Promise<void> {
  await db.insertInto('labels').values(labelToRow(label)).execute();
  await replaceLabelValues(db, label.id, label.values);
}

/** Changes the label at `expectedVersion`; given values replace its values. */
export async function updateLabel(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: LabelChanges,
): Promise<boolean> {
  const changed = await updateAtVersion(
    db,
    'labels',
    { tenantId, id },
    expectedVersion,
    labelChangesToRow(changes),
  );
  if (changed && changes.values !== undefined) await replaceLabelValues(db, id, changes.values);
  return changed;
}

export async function deleteLabel(
  db: Executor,
  tenantId: string,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  return deleteAtVersion(db, 'labels', { tenantId, id }, expectedVersion);
}
