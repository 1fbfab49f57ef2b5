import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { after, before, describe } from 'node:test';
import { buildAuthSettings, type AuthSettings } from '../../src/auth/auth-settings.js';
import { ensureClient } from '../../src/auth/bootstrap.js';
import { allScopes, type Scope } from '../../src/auth/scopes.js';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import type { Executor } from '../../src/store/executor.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from './databases.js';

export type Answer = LightMyRequestResponse & { json: () => any };

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  auth: AuthSettings;
  /** The master key sealing `auth`'s secrets: a second "process" over the database needs it too. */
  masterKey: Buffer;
  /** Every route the app registered, as its onRoute hook saw it. */
  routes: readonly RouteOptions[];
  /** The installation's root tenant (code ROOT), home of the admin client. */
  root: ActingTenant;
  /** A core context over the test database, acting as the test itself. */
  ctx: CoreContext;
  /** Sends a request as the all-scopes admin client unless it carries its own credential. */
  request(options: InjectOptions): Promise<Answer>;
  /** A bearer token of a new OAuth client on `tenant` (default: the root) with these scopes. */
  tokenFor(scopes: readonly Scope[], tenant?: ActingTenant): Promise<string>;
  /** Runs `cleanup` after the suite, before the app and its database close (last deferred first). */
  defer(cleanup: () => Promise<void>): void;
}

export const testIssuer = 'http://profiled.test';

/**
 * scrypt's cost in tests: 2^4 instead of production's 2^15 (about 270 ms a hash here), which
 * dominated every test that makes an OAuth client or a password. Production's cost is pinned
 * by its own test (test/unit/secrets.test.ts).
 */
export const testPasswordHashCost = 4;

/** Auth settings over a database, with a fresh master key, the test issuer and a cheap scrypt. */
export function testAuthSettings(
  db: Executor,
  now: () => number = Date.now,
  masterKey: Buffer = randomBytes(32),
): AuthSettings {
  return buildAuthSettings(
    db,
    {
      masterKey,
      issuer: testIssuer,
      accessTokenTtlSeconds: 600,
      sessionTtlSeconds: 3600,
      passwordRules: { minLength: 12, maxLength: 1024, require: ['lower', 'upper', 'digit'] },
      passwordHashCost: testPasswordHashCost,
    },
    now,
  );
}

/** The options of a test app over `db`; `overrides` change any of them. */
export function testAppOptions(
  db: Executor,
  auth: AuthSettings,
  overrides: Partial<AppOptions> = {},
): AppOptions {
  return {
    db,
    auth,
    rateLimit: { perAddress: 100_000, perClient: 100_000 },
    logger: false,
    bodyLimitBytes: 64 * 1024,
    idempotencyTtlHours: 24,
    version: 'test',
    strictStatusCodes: true,
    ...overrides,
  };
}

let clients = 0;

/** Gets a token for a client id and secret from the app's token endpoint. */
export async function fetchToken(
  app: FastifyInstance,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/oauth2/token',
    payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ access_token: string }>().access_token;
}

const credentialHeaders = ['authorization', 'x-api-key', 'x-profiled-access-key', 'cookie', 'apikey'];

/** Changes to the test app: any of its options, and routes of the test's own. */
export type TestAppOverrides = Partial<AppOptions> & {
  /** Adds routes to the app before it starts (a test's routes broken on purpose). */
  extraRoutes?: (app: FastifyInstance) => void;
};

/** Declares `suite` once per test database, against an app over a fresh migrated database. */
export function forEachApp(
  name: string,
  suite: (t: () => TestApp) => void,
  { extraRoutes, ...overrides }: TestAppOverrides = {},
): void {
  for (const kind of testDatabaseKinds()) {
    void describe(`${name} [${kind}]`, () => {
      let current: TestApp | undefined;
      const cleanups: (() => Promise<void>)[] = [];
      before(async () => {
        const database = await openTestDatabase(kind);
        const masterKey = randomBytes(32);
        // One clock for the app, its caches and the test's own core context (a test may move it).
        const now = overrides.now ?? Date.now;
        const auth = testAuthSettings(database.db, now, masterKey);
        const ctx: CoreContext = {
          db: database.db,
          now,
          actor: 'test',
          origin: { source: 'test', credentialId: null, userId: null, requestId: null },
        };
        const root = await ensureRootTenantWithCode(ctx);
        const routes: RouteOptions[] = [];
        const app = await buildApp(
          testAppOptions(database.db, auth, { onRoute: (route) => void routes.push(route), ...overrides }),
        );
        extraRoutes?.(app);
        const tokenFor = async (scopes: readonly Scope[], tenant: ActingTenant = root) => {
          clients += 1;
          const client = {
            clientId: `test-client-${clients}`,
            clientSecret: randomBytes(16).toString('hex'),
          };
          await ensureClient(ctx, auth, tenant, { ...client, name: 'test client', scopes });
          return fetchToken(app, client.clientId, client.clientSecret);
        };
        const adminToken = await tokenFor(allScopes);
        const request = (options: InjectOptions) => {
          const headers = { ...(options.headers ?? {}) } as Record<string, string>;
          const presents = credentialHeaders.some((h) => h in headers);
          return app.inject({
            ...options,
            headers: presents ? headers : { authorization: `Bearer ${adminToken}`, ...headers },
          }) as Promise<Answer>;
        };
        const defer = (cleanup: () => Promise<void>) => void cleanups.unshift(cleanup);
        current = { app, database, auth, masterKey, routes, root, ctx, request, tokenFor, defer };
      });
      after(async () => {
        for (const cleanup of cleanups) await cleanup();
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

/** The root tenant, made with code ROOT so tests can name it. */
async function ensureRootTenantWithCode(ctx: CoreContext): Promise<ActingTenant> {
  const made = await createTenant(ctx, wholeInstallation, { code: 'ROOT', name: 'Root' });
  return { id: made.id, path: `/${made.id}/` };
}

let counter = 0;
/** A unique suffix, so tests sharing a database never collide on names or codes. */
export const unique = (prefix: string): string => `${prefix}${process.pid}x${(counter += 1)}`;
