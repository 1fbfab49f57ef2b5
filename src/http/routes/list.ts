import type { Static } from 'typebox';
import type { ListParams, Page } from '../../store/query/list-page.js';
import type { ListQuery } from '../schemas/common.js';

export function listParams(query: Static<typeof ListQuery>): ListParams {
  return {
    filter: query.filter,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit ?? 50,
    includeTotal: query.count ?? false,
  };
}

interface PageBody<R> {
  items: R[];
  nextCursor: string | null;
  total?: number;
}

/** Bodies made from pages the read cache keeps: a page served again is mapped once. */
const bodies = new WeakMap<Page<unknown>, { represent: unknown; body: PageBody<unknown> }>();

/** The native API's collection body. */
export function pageBody<T, R>(page: Page<T>, represent: (item: T) => R): PageBody<R> {
  const made = bodies.get(page);
  if (made?.represent === represent) return made.body as PageBody<R>;
  const body: PageBody<R> = {
    items: page.rows.map(represent),
    nextCursor: page.nextCursor,
    ...(page.total !== undefined && { total: page.total }),
  };
  bodies.set(page, { represent, body });
  return body;
}
