import type { Page } from '../../store/query/list-page.js';

/** Maps the rows of a page, keeping its cursor and total. */
export function mapPage<Row, T>(page: Page<Row>, map: (row: Row) => T): Page<T> {
  return { ...page, rows: page.rows.map(map) };
}
