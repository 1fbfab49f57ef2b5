import type { Insertable, Updateable } from 'kysely';
import type { Label, LabelValue } from '../../core/model/label.js';
import type { LabelTable, LabelValueTable } from '../tables/label.table.js';

/** What a write may change of a label; given values replace its values as a whole. */
export type LabelChanges = Partial<Pick<Label, 'keyName' | 'description' | 'values' | 'updatedAt'>>;

export const labelValueFromRow = (row: LabelValueTable): LabelValue => ({
  id: row.id,
  name: row.name,
  description: row.description,
});

/** The rows of a label's values, each with its place in the list. */
export const labelValuesToRows = (labelId: string, values: readonly LabelValue[]): LabelValueTable[] =>
  values.map((value, position) => ({
    id: value.id,
    label_id: labelId,
    name: value.name,
    description: value.description,
    position,
  }));

/** A label from its row and its values' rows (which live in label_values), in their order. */
export function labelFromRow(row: LabelTable, values: readonly LabelValueTable[]): Label {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    keyName: row.key_name,
    description: row.description,
    values: values.map(labelValueFromRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The label's own row; its values are rows of label_values (labelValuesToRows). */
export function labelToRow(label: Label): Insertable<LabelTable> {
  return {
    id: label.id,
    tenant_id: label.tenantId,
    key_name: label.keyName,
    description: label.description,
    created_at: label.createdAt,
    updated_at: label.updatedAt,
    version: label.version,
  };
}

/** The columns of the fields given (values aside); an absent field leaves its column alone. */
export function labelChangesToRow(changes: LabelChanges): Updateable<LabelTable> {
  return {
    ...(changes.keyName !== undefined && { key_name: changes.keyName }),
    ...(changes.description !== undefined && { description: changes.description }),
    ...(changes.updatedAt !== undefined && { updated_at: changes.updatedAt }),
  };
}
