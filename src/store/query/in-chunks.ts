/**
 * Ids bound in one `in (...)` list at most. A statement binds at most 32766 parameters on SQLite
 * and 65535 on PostgreSQL; this stays well below both, with room for the query's other values.
 * A power of two, so that padding a chunk (see paddedIn) never takes it further.
 */
export const IDS_PER_QUERY = 8192;

const powerOfTwoAtLeast = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
const powerOfTwoAtMost = (n: number) => 2 ** Math.floor(Math.log2(Math.max(1, n)));

/**
 * A chunk of ids as an `in (...)` list whose length is a power of two, the last id repeated
 * (which changes no answer). SQLite keeps a prepared statement per SQL text (store/database.ts),
 * and a statement binding thousands of values takes megabytes: with lists of any length, every
 * new length of a bulk request would keep one more; with these, a query keeps at most 15.
 */
function paddedIn(chunk: readonly string[]): readonly string[] {
  const length = powerOfTwoAtLeast(chunk.length);
  return length === chunk.length
    ? chunk
    : [...chunk, ...Array<string>(length - chunk.length).fill(chunk.at(-1)!)];
}

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
    rows = rows.concat(await query(paddedIn(unique.slice(start, start + IDS_PER_QUERY))));
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
 * many rows as fit at one value a column, so that no statement binds more values than a database
 * takes. Each chunk has a power-of-two number of rows (the remainder goes in smaller ones: a few
 * more statements), so that a table's inserts have at most a dozen SQL texts, as for paddedIn.
 */
export async function inRowChunks<Row extends object>(
  rows: readonly Row[],
  write: (chunk: readonly Row[]) => Promise<unknown>,
): Promise<void> {
  const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
  const most = powerOfTwoAtMost(Math.floor(VALUES_PER_STATEMENT / columns));
  for (let start = 0; start < rows.length;) {
    const size = Math.min(most, powerOfTwoAtMost(rows.length - start));
    await write(rows.slice(start, start + size));
    start += size;
  }
}
