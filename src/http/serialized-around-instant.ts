import type { FastifyReply } from 'fastify';

/** Stands for the instant in a body serialized once; never a real instant (nor any JSON string's escape). */
const MARK = '\u0000instant\u0000';
const QUOTED_MARK = JSON.stringify(MARK);

interface Made {
  /** Whose answer it is: the same grants may be asked about for another user only by accident. */
  owner: string;
  before: string;
  after: string;
}

const made = new WeakMap<object, Made>();

/**
 * Sends `{...about, at, ...stable}` as the route's 200 serializer writes it, serializing the
 * parts that do not change with the instant once per `stable` object (the read cache hands out
 * the same one while nothing it was read from changes): each answer is the kept text with its
 * instant put in. Answers about the present instant cannot be kept whole; this keeps the rest.
 */
export function sendAroundInstant(
  reply: FastifyReply,
  stable: object,
  about: Record<string, unknown>,
  at: string,
): FastifyReply {
  const owner = JSON.stringify(about);
  let parts = made.get(stable);
  if (parts?.owner !== owner) {
    const json = reply.serialize({ ...about, at: MARK, ...stable }) as string;
    const i = json.indexOf(QUOTED_MARK);
    // A serializer that changed the mark (it never should) leaves the ordinary way.
    if (i < 0 || json.indexOf(QUOTED_MARK, i + 1) >= 0) return reply.send({ ...about, at, ...stable });
    parts = { owner, before: json.slice(0, i), after: json.slice(i + QUOTED_MARK.length) };
    made.set(stable, parts);
  }
  return reply
    .type('application/json; charset=utf-8')
    .send(`${parts.before}${JSON.stringify(at)}${parts.after}`);
}
