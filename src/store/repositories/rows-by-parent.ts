/**
 * Child rows (a group's members, a label's values, a permission's versions) grouped by their
 * parent's id, keeping their order; every parent asked about is present, with no rows at worst.
 */
export function rowsByParent<Row>(
  parentIds: readonly string[],
  rows: readonly Row[],
  parentOf: (row: Row) => string,
): Map<string, Row[]> {
  const grouped = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(parentOf(row))?.push(row);
  return grouped;
}
