import { Type } from 'typebox';

/** Visier pages by index: `start` is an offset from 0, `limit` how many. */
export const DEFAULT_LIMIT = 100;
/** Visier's documented maximum page of users; a larger limit is cut to it (and echoed as cut). */
export const MAX_LIMIT = 1000;

export const PagingQuery = {
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: `How many to return; default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}`,
    }),
  ),
  start: Type.Optional(
    Type.Integer({ minimum: 0, description: 'The index to start from (an offset), from 0' }),
  ),
};

/** The page a request asks for, with the limit capped. */
export const pageOf = (query: { limit?: number | undefined; start?: number | undefined }) => ({
  limit: Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
  start: query.start ?? 0,
});
