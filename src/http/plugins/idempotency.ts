import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  releaseIdempotencyKey,
} from '../../core/services/idempotency.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A creating POST: honours `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key claims it and its 2xx answer
 * is stored; a retry with the same key and the same request replays that answer; the same key with
 * another request is refused (422); a retry while the first is still running waits for its answer
 * (up to 5 s, then 409).
 * A failed first request releases the key, so the client can retry.
 */
/** How long a retry waits for the first request with its key to answer. */
const IN_PROGRESS_WAIT_MS = 5000;

export function registerIdempotency(app: FastifyInstance, ttlHours: number): void {
  // Hooks of the routes that honour a key only: every other request is spared two async hooks.
  app.addHook('onRoute', (route) => {
    if (route.config?.idempotent !== true) return;
    route.preHandler = [claimHook, ...[route.preHandler ?? []].flat()];
    route.onSend = [...[route.onSend ?? []].flat(), completeHook];
  });

  const claimHook = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return;
    // The same request is the same method, URL and body.
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    // A retry arriving while the first request runs waits for its answer (a client that retries on
    // a timeout, or sends twice at once, gets one answer, not a 409).
    const replay = await claimIdempotencyKey(request.core, request.acting, { key, fingerprint }, ttlHours, {
      waitMs: IN_PROGRESS_WAIT_MS,
    });
    if (!replay) {
      request.idempotencyKey = key;
      return;
    }
    return reply
      .code(replay.statusCode)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .serializer((body: unknown) => body as string)
      .send(replay.body);
  };

  const completeHook = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = request.idempotencyKey;
    if (key === undefined) return payload;
    request.idempotencyKey = undefined;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await completeIdempotentRequest(request.core, request.acting, key, {
        statusCode: reply.statusCode,
        body: payload,
      });
    } else {
      await releaseIdempotencyKey(request.core, request.acting, key);
    }
    return payload;
  };
}
