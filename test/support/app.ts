import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { after, before, describe } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Sends a request; JSON bodies are encoded, answers parsed into `json`. */
  request(options: InjectOptions): Promise<LightMyRequestResponse & { json: () => any }>;
}

/** Declares `suite` once per test database, against an app over a fresh migrated database. */
export function forEachApp(name: string, suite: (t: () => TestApp) => void): void {
  for (const kind of testDatabaseKinds()) {
    void describe(`${name} [${kind}]`, () => {
      let current: TestApp | undefined;
      before(async () => {
        const database = await openTestDatabase(kind);
        const app = await buildApp({
          db: database.db,
          logger: false,
          bodyLimitBytes: 64 * 1024,
          idempotencyTtlHours: 24,
          version: 'test',
          strictStatusCodes: true,
        });
        current = { app, database, request: (options) => app.inject(options) };
      });
      after(async () => {
        await current?.app.close();
        await current?.database.close();
      });
      suite(() => {
        if (!current) throw new Error('test app not ready');
        return current;
      });
    });
  }
}

let counter = 0;
/** A unique suffix, so tests sharing a database never collide on names or codes. */
export const unique = (prefix: string): string => `${prefix}${process.pid}x${(counter += 1)}`;
