import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../core/errors.js';

/**
 * Visier's own curl samples send bodies as `-d 'model={...json...}'`: a form with one `model`
 * field that holds the JSON. Such a body is unwrapped before validation, so every route sees the
 * same object whether it came as JSON or as a `model=` form.
 */
export function registerModelBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) return;
    const body = request.body as Record<string, unknown> | null | undefined;
    if (!body || typeof body.model !== 'string' || Object.keys(body).length !== 1) return;
    try {
      request.body = JSON.parse(body.model) as unknown;
    } catch (error) {
      throw new DomainError(
        'request.malformed',
        `the "model" form field must hold JSON: ${(error as Error).message}`,
      );
    }
  });
}
