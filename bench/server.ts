import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildAuthSettings } from '../src/auth/auth-settings.js';
import { ensureClient } from '../src/auth/bootstrap.js';
import { passwordHashCostRange } from '../src/config.js';
import { allScopes } from '../src/auth/scopes.js';
import type { ActingTenant, CoreContext } from '../src/core/context.js';
import { buildApp } from '../src/http/app.js';
import type { Database } from '../src/store/database.js';
import type { Endpoint, RequestSpec } from './load-protocol.js';

export interface BenchServer extends Endpoint {
  /** The client of the token scenario: a machine client with a generated secret, made through the API. */
  client: { clientId: string; clientSecret: string };
  /** An API key of the root tenant: the `apikey` header of the Visier compat API. */
  visierApiKey: string;
  /** The master key the app seals its secrets with (a cold-started process needs the same). */
  masterKey: Buffer;
  close(): Promise<void>;
}

/** Attempts a minute the token endpoint allows in the benchmark: far above any rate it reaches. */
const RATE_LIMIT = 1_000_000_000;

/** Sends one request with fetch; throws, with the answer, unless it is one the spec expects. */
export async function send(endpoint: Endpoint, spec: RequestSpec): Promise<any> {
  const res = await fetch(`${endpoint.origin}${spec.path}`, {
    method: spec.method,
    headers: {
      ...endpoint.headers,
      ...spec.headers,
      ...(spec.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(spec.body !== undefined && { body: spec.body }),
  });
  const text = await res.text();
  if (!spec.expect.includes(res.status) || (spec.expectHeader && !res.headers.has(spec.expectHeader))) {
    throw new Error(`${spec.method} ${spec.path} answered ${res.status}: ${text.slice(0, 500)}`);
  }
  return text === '' ? null : JSON.parse(text);
}

/**
 * The real HTTP server over the database, listening on an ephemeral port of the loopback, and
 * the credential every benchmark request presents: a bearer token of an all-scopes OAuth client
 * on the root tenant, from the token endpoint, as a machine client would hold it.
 */
export async function startServer(
  ctx: CoreContext,
  database: Database,
  root: ActingTenant,
): Promise<BenchServer> {
  const masterKey = randomBytes(32);
  const auth = buildAuthSettings(
    database.db,
    {
      masterKey,
      issuer: 'http://profiled.bench',
      // Outlives the run: the benchmark does not measure token renewal.
      accessTokenTtlSeconds: 3600,
      sessionTtlSeconds: 3600,
      passwordRules: { minLength: 12, maxLength: 1024, require: ['lower', 'upper', 'digit'] },
      // The production default: the token endpoint's first answer costs what it costs in service.
      passwordHashCost: passwordHashCostRange.default,
    },
    Date.now,
  );
  const app = await buildApp({
    db: database.db,
    auth,
    rateLimit: { perAddress: RATE_LIMIT, perClient: RATE_LIMIT },
    // Request logging is a constant cost on every route, the baseline's included: left out.
    logger: false,
    bodyLimitBytes: 1_048_576,
    idempotencyTtlHours: 24,
    version: 'bench',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const client = { clientId: 'bench-client', clientSecret: randomBytes(24).toString('hex') };
  await ensureClient(ctx, auth, root, { ...client, name: 'benchmark', scopes: allScopes });
  const token: { access_token: string } = await send(
    { origin, headers: {} },
    {
      method: 'POST',
      path: '/oauth2/token',
      headers: {},
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
      expect: [200],
    },
  );
  const headers = { authorization: `Bearer ${token.access_token}` };
  const key: { key: string } = await send(
    { origin, headers },
    {
      method: 'POST',
      path: '/v1/api-keys',
      headers: {},
      body: JSON.stringify({ name: 'benchmark (Visier apikey)' }),
      expect: [201],
    },
  );
  // The token scenario's client is made as machine clients are, with a generated secret: the
  // bootstrap client above has a chosen one, which keeps scrypt.
  const machine: { clientId: string; clientSecret: string } = await send(
    { origin, headers },
    {
      method: 'POST',
      path: '/v1/oauth-clients',
      headers: {},
      body: JSON.stringify({ name: 'benchmark machine client' }),
      expect: [201],
    },
  );
  return {
    origin,
    headers,
    client: { clientId: machine.clientId, clientSecret: machine.clientSecret },
    visierApiKey: key.key,
    masterKey,
    close: () => app.close(),
  };
}
