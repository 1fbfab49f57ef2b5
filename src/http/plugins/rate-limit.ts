import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { attemptsOver } from '../../auth/attempt-limit.js';
import { sha256 } from '../../auth/secrets.js';
import type { Executor } from '../../store/executor.js';
import { RefusedRequest } from '../problem.js';

export interface RateLimitOptions {
  /** Where attempts are counted: the database every process shares. */
  db: Executor;
  perAddress: number;
  perClient: number;
  windowMs: number;
  now: () => number;
}

export interface RateLimit {
  /** Limits the credential-checking endpoints per client address and per client (or account). */
  byAddressAndClient: preHandlerAsyncHookHandler;
}

/** Who is trying: the OAuth client id, or the tenant and username of a sign-in. */
function clientKey(request: FastifyRequest): string | undefined {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^basic /i.test(header)) {
    return Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':', 1)[0];
  }
  for (const field of ['client_id', 'username']) {
    const value = body[field];
    if (typeof value === 'string') return `${typeof body.tenant === 'string' ? body.tenant : ''}/${value}`;
  }
  return undefined;
}

export function createRateLimit(options: RateLimitOptions): RateLimit {
  const byAddress = { max: options.perAddress };
  const byClient = { max: options.perClient };
  // Thrown, so that each API answers it in its own error shape (with Retry-After set here).
  const refuse = (reply: FastifyReply, wait: number, who: string) => {
    void reply.header('retry-after', String(wait));
    throw new RefusedRequest(
      'request.rate_limited',
      `too many attempts from this ${who}: retry in ${wait} s`,
    );
  };
  return {
    byAddressAndClient: async function (request, reply) {
      // Both counted at once (one write per request): an attempt refused for its address still
      // counts against the client it named, as every attempt of the window before it did. The
      // client is counted by its SHA-256: whatever a request names (any length, a NUL, a lone
      // surrogate), the key is short text every database stores, and a name PostgreSQL refused
      // would fail the statement that the attempts of a turn share.
      const client = clientKey(request);
      const over = await attemptsOver(
        options.db,
        [
          { key: `address:${request.ip}`, limit: byAddress },
          ...(client === undefined ? [] : [{ key: `client:${sha256(client)}`, limit: byClient }]),
        ],
        options.windowMs,
        options.now(),
      );
      if (over) refuse(reply, over.wait, over.key.startsWith('address:') ? 'address' : 'client');
    },
  };
}
