import type { FastifyReply } from 'fastify';
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

/** Representations of resources the read cache keeps: one served again is mapped once. */
const representations = new WeakMap<object, { represent: unknown; body: unknown }>();

export function representedOnce<T extends object, R>(item: T, represent: (item: T) => R): R {
  const made = representations.get(item);
  if (made?.represent === represent) return made.body as R;
  const body = represent(item);
  if (typeof body === 'object' && body !== null) representations.set(item, { represent, body });
  return body;
}

/** The JSON of bodies already sent: a cached page (the same body object) is serialized once. */
const serialized = new WeakMap<object, string>();

/**
 * Sends `body` as the route's 200 serializer writes it, made once per body object: a page the
 * read cache serves again is sent as the same text (Fastify sends a JSON string as it is).
 */
export function sendSerializedOnce(reply: FastifyReply, body: unknown): FastifyReply {
  if (typeof body !== 'object' || body === null) return reply.send(body);
  let json = serialized.get(body);
  if (json === undefined) {
    json = reply.serialize(body) as string;
    serialized.set(body, json);
  }
  return reply.type('application/json; charset=utf-8').send(json);
}
