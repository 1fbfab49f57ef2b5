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

/** The native API's collection body. */
export function pageBody<T, R>(page: Page<T>, represent: (item: T) => R) {
  return {
    items: page.rows.map(represent),
    nextCursor: page.nextCursor,
    ...(page.total !== undefined && { total: page.total }),
  };
}
