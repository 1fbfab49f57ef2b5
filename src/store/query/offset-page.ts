import type { SelectQueryBuilder } from 'kysely';
import type { FieldMap } from './fields.js';
import { countRows, filteredList, inSortOrder, type ListQuery } from './list-query.js';

/**
 * An offset page: `limit` rows from position `offset` (from 0) in sort order, for the vendor
 * APIs that page by index or page number. Unlike a cursor, an offset shifts when rows are added
 * or removed before it; the sort always ends in id, so with no writes between pages every row
 * is seen once, ties included.
 */
export interface OffsetListParams extends ListQuery {
  offset: number;
  limit: number;
  includeTotal?: boolean | undefined;
}

export interface OffsetPage<Row> {
  rows: Row[];
  /** The filtered rows in all, when asked for. */
  total?: number;
}

/**
 * Both bounds are the route's to check (and answer 400 for); past them here is a bug in the
 * caller, and neither database would take an offset beyond a 64-bit integer anyway.
 */
function checkBounds(params: OffsetListParams): void {
  if (!Number.isSafeInteger(params.offset) || params.offset < 0)
    throw new RangeError(`an offset is a whole number from 0, not ${params.offset}`);
  if (!Number.isSafeInteger(params.limit) || params.limit < 1)
    throw new RangeError(`a limit is a whole number from 1, not ${params.limit}`);
}

/**
 * One offset page of a list: the same filter and sort as `listPage` applied to `base` (a
 * query already restricted, e.g. to a tenant), then the offset and the limit. An offset past
 * the end is an empty page. The total, when asked, counts the filtered rows.
 */
export async function listOffsetPage<DB, TB extends keyof DB, Row>(
  base: SelectQueryBuilder<DB, TB, Row>,
  fields: FieldMap,
  params: OffsetListParams,
  defaultSort: string,
): Promise<OffsetPage<Row>> {
  checkBounds(params);
  const { filtered, keys } = filteredList(base, fields, params, defaultSort);
  const rows = await inSortOrder(filtered, keys).limit(params.limit).offset(params.offset).execute();
  if (!params.includeTotal) return { rows };
  return { rows, total: await countRows(filtered) };
}
