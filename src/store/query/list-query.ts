import { sql, type SelectQueryBuilder } from 'kysely';
import type { FieldMap } from './fields.js';
import { parseFilter } from './filter-parser.js';
import { filterToSql } from './filter-sql.js';
import { parseSort, sortTerm, type SortKey } from './sort.js';

/** What a list is asked for whatever the paging: which rows and in what order. */
export interface ListQuery {
  filter?: string | undefined;
  sort?: string | undefined;
}

/**
 * `base` restricted by the filter, with the sort keys to order it by (ending in id, so the
 * order is total). Both paging modes start here; the filtered query is left unordered so the
 * total can be counted from it.
 */
export function filteredList<DB, TB extends keyof DB, Row>(
  base: SelectQueryBuilder<DB, TB, Row>,
  fields: FieldMap,
  query: ListQuery,
  defaultSort: string,
): { filtered: SelectQueryBuilder<DB, TB, Row>; keys: SortKey[] } {
  const keys = parseSort(query.sort, fields, defaultSort);
  const filtered =
    query.filter === undefined ? base : base.where(filterToSql(parseFilter(query.filter), fields));
  return { filtered, keys };
}

/** The query ordered by each sort key in its own direction. */
export function inSortOrder<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  keys: readonly SortKey[],
): SelectQueryBuilder<DB, TB, Row> {
  let ordered = query;
  for (const key of keys) ordered = ordered.orderBy(sortTerm(key), key.descending ? 'desc' : 'asc');
  return ordered;
}

/** How many rows the filtered query holds, whatever page is read. */
export async function countRows<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, Row>,
): Promise<number> {
  const counted = await filtered
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number((counted as { n?: number } | undefined)?.n ?? 0);
}
