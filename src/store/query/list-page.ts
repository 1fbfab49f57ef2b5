import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js';
import type { FieldMap } from './fields.js';
import { countRows, filteredList, inSortOrder, type ListQuery } from './list-query.js';
import { sortSignature, sortTerm, type SortKey } from './sort.js';

/** A keyset page: the rows after a cursor. APIs that page by index use offset-page.ts. */
export interface ListParams extends ListQuery {
  cursor?: string | undefined;
  /** Rows to skip after the cursor (or from the start): for APIs that take both, as Cisco's search. */
  skip?: number | undefined;
  limit: number;
  includeTotal?: boolean | undefined;
}

export interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
  total?: number;
}

/**
 * Rows after the cursor position, in sort order: the lexicographic comparison
 * (k0 > v0) or (k0 = v0 and k1 > v1) or ..., each key in its own direction. It is prefixed with
 * the bound it implies on the first key (k0 >= v0), which changes no answer but lets both
 * databases seek the index to the cursor instead of reading every row before it.
 */
function afterCursor(keys: readonly SortKey[], values: readonly CursorValue[]): RawBuilder<SqlBool> {
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${sortTerm(k)} = ${values[j]}`);
    const beyond = sql`${sortTerm(key)} ${sql.raw(key.descending ? '<' : '>')} ${values[i]}`;
    return sql`(${sql.join([...equal, beyond], sql` and `)})`;
  });
  const first = keys[0];
  if (!first) return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
  const seek = sql`${sortTerm(first)} ${sql.raw(first.descending ? '<=' : '>=')} ${values[0]}`;
  return sql<SqlBool>`(${seek} and (${sql.join(branches, sql` or `)}))`;
}

const keyAlias = (i: number) => `__k${i}`;

/**
 * One page of a list: applies the filter, the keyset condition of the cursor, the sort and the
 * limit to `base` (a query already restricted, e.g. to a tenant, selecting the row's columns).
 * Reads limit + 1 rows to know whether another page follows. The total, when asked, counts the
 * filtered rows regardless of the cursor.
 */
export async function listPage<DB, TB extends keyof DB, Row>(
  base: SelectQueryBuilder<DB, TB, Row>,
  fields: FieldMap,
  params: ListParams,
  defaultSort: string,
): Promise<Page<Row>> {
  const { filtered, keys } = filteredList(base, fields, params, defaultSort);
  const signature = sortSignature(keys);
  const after =
    params.cursor === undefined ? undefined : decodeCursor(params.cursor, signature, params.filter, keys);

  let query = inSortOrder(after === undefined ? filtered : filtered.where(afterCursor(keys, after)), keys);
  // Sort values are selected under private aliases to build the next cursor from them.
  for (const [i, key] of keys.entries()) query = query.select(sortTerm(key).as(keyAlias(i)));
  const fetched = (await query
    .limit(params.limit + 1)
    .offset(params.skip ?? 0)
    .execute()) as (Row & Record<string, unknown>)[];

  const hasMore = fetched.length > params.limit;
  const pageRows = fetched.slice(0, params.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    hasMore && last
      ? encodeCursor(
          signature,
          params.filter,
          keys.map((_, i) => last[keyAlias(i)] as CursorValue),
        )
      : null;
  const rows = pageRows.map((row) => {
    const clean: Record<string, unknown> = { ...row };
    keys.forEach((_, i) => delete clean[keyAlias(i)]);
    return clean as Row;
  });

  if (!params.includeTotal) return { rows, nextCursor };
  return { rows, nextCursor, total: await countRows(filtered) };
}
