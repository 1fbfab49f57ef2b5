import { randomBytes } from 'node:crypto';
import type { Endpoint, RequestSpec } from './load-protocol.js';
import { startServe } from './serve-process.js';

export interface BenchServer extends Endpoint {
  /** The client of the token scenario: a machine client with a generated secret, made through the API. */
  client: { clientId: string; clientSecret: string };
  /** An API key of the root tenant: the `apikey` header of the Visier compat API. */
  visierApiKey: string;
  /** The master key the app seals its secrets with (a cold-started process needs the same). */
  masterKey: Buffer;
  close(): Promise<void>;
}

/** Attempts a minute the token endpoint allows in the benchmark: the most the service takes. */
const RATE_LIMIT = '100000';

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
 * The service as deployed (`profiled serve` from dist/, in `workers` processes of its own) over the
 * database at `databaseUrl`, on a free port of the loopback, and the credential every benchmark
 * request presents: a bearer token of an all-scopes OAuth client on the root tenant (the admin
 * client the service makes at start), from the token endpoint, as a machine client would hold it.
 */
export async function startServer(databaseUrl: string, workers: number): Promise<BenchServer> {
  const masterKey = randomBytes(32);
  const client = { clientId: 'bench-client', clientSecret: randomBytes(24).toString('hex') };
  const served = await startServe(databaseUrl, masterKey, {
    PROFILED_ADMIN_CLIENT_ID: client.clientId,
    PROFILED_ADMIN_CLIENT_SECRET: client.clientSecret,
    // Request logging is a constant cost on every route, the baseline's included: left out.
    LOG_LEVEL: 'silent',
    // Outlives the run: the benchmark does not measure token renewal.
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    AUTH_RATE_LIMIT_PER_ADDRESS: RATE_LIMIT,
    AUTH_RATE_LIMIT_PER_CLIENT: RATE_LIMIT,
    PUBLIC_URL: 'http://profiled.bench',
    WORKERS: String(workers),
  });
  const origin = served.origin;
  try {
    return await credentialsOf(origin, client, masterKey, served.stop);
  } catch (error) {
    await served.stop();
    throw error;
  }
}

async function credentialsOf(
  origin: string,
  client: { clientId: string; clientSecret: string },
  masterKey: Buffer,
  close: () => Promise<void>,
): Promise<BenchServer> {
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
    close,
  };
}
