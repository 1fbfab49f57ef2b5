import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { RefusedRequest } from '../problem.js';

/**
 * Counts attempts per key in fixed windows, in this process's memory. (@fastify/rate-limit runs
 * one limiter per request, and these endpoints need two: per address and per client.)
 */
class FixedWindowCounter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; answers the seconds to wait when the key is over its limit. */
  hit(key: string, now: number): number | undefined {
    if (this.windows.size > 100_000) this.prune(now);
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.max ? Math.ceil((window.start + this.windowMs - now) / 1000) : undefined;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

export interface RateLimitOptions {
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
  const byAddress = new FixedWindowCounter(options.perAddress, options.windowMs);
  const byClient = new FixedWindowCounter(options.perClient, options.windowMs);
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
      const now = options.now();
      const addressWait = byAddress.hit(request.ip, now);
      if (addressWait !== undefined) refuse(reply, addressWait, 'address');
      const client = clientKey(request);
      const clientWait = client === undefined ? undefined : byClient.hit(client, now);
      if (clientWait !== undefined) refuse(reply, clientWait, 'client');
    },
  };
}
