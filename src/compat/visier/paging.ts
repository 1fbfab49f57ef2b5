import { Type } from 'typebox';

/** Visier pages by index: `start` is an offset from 0, `limit` how many. */
export const DEFAULT_LIMIT = 100;
/** Visier's documented maximum page of users; a larger limit is cut to it (and echoed as cut). */
export const MAX_LIMIT = 1000;

/** Visier's reference types `start` as a 32-bit integer: signed for tenants, unsigned for users. */
export const INT32_MAX = 2_147_483_647;
export const UINT32_MAX = 4_294_967_295;

/**
 * `limit` and `start` of a listing whose `start` goes up to `maxStart`. A larger one is a 400
 * (no database takes an offset past 64 bits; Visier's own is 32).
 */
export const pagingQuery = (maxStart: number) => ({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: `How many to return; default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}`,
    }),
  ),
  start: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: maxStart,
      description: 'The index to start from (an offset), from 0',
    }),
  ),
});

/** The page a request asks for, with the limit capped. */
export const pageOf = (query: { limit?: number | undefined; start?: number | undefined }) => ({
  limit: Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
  start: query.start ?? 0,
});
