import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  expireIdempotencyKeys,
  releaseIdempotencyKey,
} from '../../store/repositories/idempotency.repository.js';
import { problem } from '../problem.js';
import { sendProblem } from './error-handler.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A creating POST: honours `Idempotency-Key`. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

const HOUR = 3_600_000;

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key claims it and its 2xx answer
 * is stored; a retry with the same key and the same request replays that answer; the same key with
 * another request is refused (422); a retry while the first is still running is refused (409).
 * A failed first request releases the key, so the client can retry.
 */
export function registerIdempotency(app: FastifyInstance, ttlHours: number): void {
  const tenantKey = (request: FastifyRequest) => request.acting.id;

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || typeof key !== 'string' || key === '') return;
    const db = request.core.db;
    const now = request.core.now();
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    // Expire old keys lazily, on roughly one creating request in a hundred.
    if (Math.random() < 0.01) await expireIdempotencyKeys(db, now - ttlHours * HOUR);
    const existing = await claimIdempotencyKey(db, {
      tenant_id: tenantKey(request),
      key,
      fingerprint,
      created_at: now,
    });
    if (!existing) {
      request.idempotencyKey = key;
      return;
    }
    if (existing.fingerprint !== fingerprint) {
      return sendProblem(
        reply,
        problem(
          'idempotency.key_reused',
          `Idempotency-Key "${key}" was used for another request`,
          request.id,
        ),
      );
    }
    if (existing.status_code === null || existing.response_body === null) {
      return sendProblem(
        reply,
        problem(
          'idempotency.in_progress',
          `a request with Idempotency-Key "${key}" is still running`,
          request.id,
        ),
      );
    }
    return reply
      .code(existing.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .serializer((body: unknown) => body as string)
      .send(existing.response_body);
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = request.idempotencyKey;
    if (key === undefined) return payload;
    request.idempotencyKey = undefined;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await completeIdempotencyKey(request.core.db, tenantKey(request), key, reply.statusCode, payload);
    } else {
      await releaseIdempotencyKey(request.core.db, tenantKey(request), key);
    }
    return payload;
  });
}
