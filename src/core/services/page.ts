import type { Page } from '../../store/query/list-page.js';
import type { OffsetPage } from '../../store/query/offset-page.js';
import { DomainError } from '../errors.js';

/** Maps the rows of a page, keeping its cursor (a keyset page's) and its total. */
export function mapPage<Row, T>(page: Page<Row>, map: (row: Row) => T): Page<T>;
export function mapPage<Row, T>(page: OffsetPage<Row>, map: (row: Row) => T): OffsetPage<T>;
export function mapPage<Row, T>(
  page: Page<Row> | OffsetPage<Row>,
  map: (row: Row) => T,
): Page<T> | OffsetPage<T> {
  return { ...page, rows: page.rows.map(map) };
}

/**
 * Every row of a listing, page after page, for APIs that answer whole collections (as several
 * vendors' do). `max` bounds the work: past it the listing is refused rather than cut silently.
 */
export async function everyRow<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  max = 10_000,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    rows.push(...page.rows);
    if (rows.length > max) {
      throw new DomainError(
        'validation.failed',
        `more than ${max} rows: use the native API's paginated listing instead`,
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}
