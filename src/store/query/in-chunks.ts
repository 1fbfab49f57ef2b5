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
