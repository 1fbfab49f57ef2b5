import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { openDatabase } from '../../src/store/database.js';
import { testAppOptions, testAuthSettings } from './app.js';

/**
 * The OpenAPI document the code generates (version pinned, so it does not churn with releases),
 * with `extraRoutes` added to the app first (a test's routes broken on purpose).
 */
export async function openApiDocument(extraRoutes?: (app: FastifyInstance) => void): Promise<unknown> {
  const database = openDatabase({ url: 'sqlite::memory:' });
  const app = await buildApp(
    testAppOptions(database.db, testAuthSettings(database.db), { version: '1', strictStatusCodes: false }),
  );
  extraRoutes?.(app);
  await app.ready();
  const document = app.swagger();
  await app.close();
  await database.close();
  return JSON.parse(JSON.stringify(document)) as unknown;
}

interface Operation {
  responses?: Record<string, unknown>;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
}

export interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/**
 * The error statuses an operation must declare because of what it takes, whatever its handler
 * does: a body, a query or a header can be invalid (400), a path names something that may not
 * exist (404), a guarded operation refuses a missing credential (401) or scope (403).
 */
function expectedStatuses(operation: Operation): string[] {
  const takes = (where: string) => (operation.parameters ?? []).some((p) => p.in === where);
  const guarded = operation.security === undefined || operation.security.length > 0;
  return [
    ...(operation.requestBody !== undefined || takes('query') ? ['400'] : []),
    ...(takes('path') ? ['404'] : []),
    ...(guarded ? ['401', '403'] : []),
  ];
}

/** Each operation that declares no success, or not the errors its inputs imply: `METHOD path: why`. */
export function undeclaredResponses(doc: OpenApi): string[] {
  const findings: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const declared = Object.keys(operation.responses ?? {});
      const at = `${method.toUpperCase()} ${path}`;
      if (!declared.some((s) => /^[23]/.test(s))) findings.push(`${at}: declares no success status`);
      const missing = expectedStatuses(operation).filter((s) => !declared.includes(s));
      if (missing.length > 0) findings.push(`${at}: does not declare ${missing.join(', ')}`);
    }
  }
  return findings;
}
