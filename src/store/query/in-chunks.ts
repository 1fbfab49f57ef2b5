/**
 * Ids bound in one `in (...)` list at most. A statement binds at most 32766 parameters on SQLite
 * and 65535 on PostgreSQL; this stays well below both, with room for the query's other values.
 */
export const IDS_PER_QUERY = 10_000;

/**
 * The rows of `query` for every id, reading the ids a chunk at a time, so that any number of ids
 * costs one query per chunk and never more parameters than a database takes. Rows come chunk
 * by chunk: an order the query sets holds within a chunk, and so for each id.
 */
export async function inChunks<Row>(
  ids: readonly string[],
  query: (chunk: readonly string[]) => Promise<Row[]>,
): Promise<Row[]> {
  const unique = [...new Set(ids)];
  let rows: Row[] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
    rows = rows.concat(await query(unique.slice(start, start + IDS_PER_QUERY)));
  }
  return rows;
}

/**
 * Values one statement binds at most on both databases: SQLite's limit (PostgreSQL's is 65535).
 * A multi-row insert binds one value per column of each row.
 */
const VALUES_PER_STATEMENT = 32_766;

/**
 * Writes `rows` (of one table, all with the same columns) a statement at a time, each with as
 * many rows as fit at one value a column: any number of rows costs one statement per chunk and
 * never more values than a database binds.
 */
export async function inRowChunks<Row extends object>(
  rows: readonly Row[],
  write: (chunk: readonly Row[]) => Promise<unknown>,
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {}).length;
  const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / Math.max(1, columns)));
  for (let start = 0; start < rows.length; start += perStatement) {
    await write(rows.slice(start, start + perStatement));
  }
}
