import { sql, type RawBuilder } from 'kysely';
import { requireField, type FieldMap, type FieldType } from './fields.js';
import { QueryError } from './query-error.js';

export interface SortKey {
  field: string;
  column: string;
  /** The column's type: a cursor's value for this key must be of it. */
  type: FieldType;
  descending: boolean;
  /** What a null in the column sorts as (see ListField.sortsNullAs). */
  nullsAs?: string;
}

/**
 * What a key orders and compares by: its column, or the column with nulls read as the field's
 * stand-in (the same on both databases, where nulls would otherwise sort first on one and last
 * on the other, and never compare at all in a keyset condition).
 */
export const sortTerm = (key: SortKey): RawBuilder<unknown> =>
  key.nullsAs === undefined ? sql.ref(key.column) : sql`coalesce(${sql.ref(key.column)}, ${key.nullsAs})`;

export const MAX_SORT_KEYS = 4;

/**
 * Parses `name,-createdAt` into sort keys over sortable fields; `id` is always the last key, so
 * the order is total and a keyset cursor is exact.
 */
export function parseSort(text: string | undefined, fields: FieldMap, defaultSort: string): SortKey[] {
  const spec = text === undefined || text.trim() === '' ? defaultSort : text;
  const parts = spec.split(',').map((p) => p.trim());
  if (parts.length > MAX_SORT_KEYS)
    throw new QueryError('invalid_sort', `sort takes at most ${MAX_SORT_KEYS} fields`);
  const sortable = Object.keys(fields).filter((k) => fields[k]!.sortable);
  const keys: SortKey[] = parts.map((part) => {
    const descending = part.startsWith('-');
    const name = part.replace(/^[-+]/, '');
    if (name === '') throw new QueryError('invalid_sort', `empty sort field in "${spec}"`);
    const { name: canonical, field } = requireField(fields, name, 'invalid_sort');
    if (!field.sortable) {
      throw new QueryError('invalid_sort', `cannot sort by "${canonical}"; sortable: ${sortable.join(', ')}`);
    }
    return {
      field: canonical,
      column: field.column,
      type: field.type,
      descending,
      ...(field.sortsNullAs !== undefined && { nullsAs: field.sortsNullAs }),
    };
  });
  const seen = new Set(keys.map((k) => k.field));
  if (seen.size !== keys.length)
    throw new QueryError('invalid_sort', `a field appears twice in sort "${spec}"`);
  if (!seen.has('id')) {
    const id = fields.id;
    if (!id) throw new Error('a FieldMap must include id');
    keys.push({ field: 'id', column: id.column, type: id.type, descending: false });
  }
  return keys;
}

/** The canonical text of a sort, carried in cursors to check they are used with the same sort. */
export const sortSignature = (keys: readonly SortKey[]): string =>
  keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(',');
