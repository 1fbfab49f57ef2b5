import { createHmac } from 'node:crypto';
import { issueAccessToken } from '../../src/auth/access-token.js';
import type { AuthSettings } from '../../src/auth/auth-settings.js';
import { issueCredential, revokeCredential } from '../../src/auth/credential.service.js';
import { allScopes, type Scope } from '../../src/auth/scopes.js';
import { randomSecret } from '../../src/auth/secrets.js';
import type { ActingTenant } from '../../src/core/context.js';
import type { TestApp } from './app.js';

/** The kinds of credential a request presents: an OAuth client presents an access token of it. */
export type PresentedKind = 'oauth_client' | 'api_key' | 'access_key' | 'session';

/** A credential as a request shows it: its public half and the secret (for a client, a token). */
export interface Presentable {
  publicId: string;
  secret: string;
}

/** A credential made for a test: what a request shows, and what revokes it. */
export interface TestCredential extends Presentable {
  kind: PresentedKind;
  id: string;
  tenant: ActingTenant;
}

/**
 * One way of presenting a credential on a request. Each API (the native one, each compat API)
 * supplies its own, so the shared security suite attacks it the way its clients talk to it.
 */
export interface Presenter {
  name: string;
  kind: PresentedKind;
  headers(credential: Presentable, request: { method: string; url: string }): Record<string, string>;
}

let lastTimestamp = 0;
/**
 * Now in epoch ms, never the same twice in this process: a signature is accepted once, and two
 * identical requests signed in one millisecond would carry the same one (the second a replay).
 */
export const freshTimestamp = (): number => (lastTimestamp = Math.max(Date.now(), lastTimestamp + 1));

/** The native request signature, computed here from the documented recipe, not from src. */
export function signatureHeaders(
  credential: Presentable,
  request: { method: string; url: string },
  timestamp: number = freshTimestamp(),
): Record<string, string> {
  const text = `${request.method.toUpperCase()} ${request.url}\n${timestamp}\n${credential.publicId}`;
  return {
    'x-profiled-access-key': credential.publicId,
    'x-profiled-timestamp': String(timestamp),
    'x-profiled-signature': createHmac('sha256', credential.secret).update(text).digest('base64'),
  };
}

export const bearerAccessToken: Presenter = {
  name: 'Authorization: Bearer <access token>',
  kind: 'oauth_client',
  headers: (c) => ({ authorization: `Bearer ${c.secret}` }),
};

export const apiKeyHeader: Presenter = {
  name: 'X-API-Key',
  kind: 'api_key',
  headers: (c) => ({ 'x-api-key': c.secret }),
};

export const apiKeyBearer: Presenter = {
  name: 'Authorization: Bearer <API key>',
  kind: 'api_key',
  headers: (c) => ({ authorization: `Bearer ${c.secret}` }),
};

export const hmacSignature: Presenter = {
  name: 'HMAC signature',
  kind: 'access_key',
  headers: (c, request) => signatureHeaders(c, request),
};

/** The credential presentations of the native API. */
export const nativePresenters: readonly Presenter[] = [
  bearerAccessToken,
  apiKeyHeader,
  apiKeyBearer,
  hmacSignature,
];

export interface MintOptions {
  scopes: readonly Scope[];
  tenant: ActingTenant;
  /** Epoch ms; in the past makes an expired credential (for a client: an expired token). */
  expiresAt?: number;
  userId?: string;
  /** An OAuth client of its own (to revoke it) instead of the tenant's shared one. */
  own?: boolean;
}

// One OAuth client per app and tenant (each is a write and a hash); its tokens are minted per test.
const sharedClients = new WeakMap<TestApp, Map<string, Promise<{ id: string; publicId: string }>>>();

async function newCredential(
  t: TestApp,
  kind: PresentedKind,
  options: MintOptions,
  scopes: readonly Scope[],
): Promise<{ id: string; publicId: string; secret: string }> {
  const issued = await issueCredential(
    t.ctx,
    options.tenant,
    kind,
    {
      name: `test ${kind}`,
      scopes: [...scopes],
      userId: options.userId,
      expiresAt: kind === 'oauth_client' ? null : options.expiresAt,
    },
    { settings: t.auth, grantable: allScopes },
  );
  return { id: issued.credential.id, publicId: issued.credential.publicId, secret: issued.secret };
}

function clientOf(t: TestApp, options: MintOptions): Promise<{ id: string; publicId: string }> {
  if (options.own) return newCredential(t, 'oauth_client', options, allScopes);
  const clients = sharedClients.get(t) ?? new Map<string, Promise<{ id: string; publicId: string }>>();
  sharedClients.set(t, clients);
  const key = options.tenant.id;
  if (!clients.has(key)) clients.set(key, newCredential(t, 'oauth_client', options, allScopes));
  return clients.get(key)!;
}

/** An access token of a client on `tenant`, as if issued at `issuedAt` (epoch ms). */
export async function mintAccessToken(
  auth: AuthSettings,
  client: { id: string; publicId: string },
  tenant: ActingTenant,
  scopes: readonly Scope[],
  issuedAt: number = Date.now(),
): Promise<string> {
  const issued = await issueAccessToken(
    auth.keys,
    { issuer: auth.issuer, ttlSeconds: auth.accessTokenTtlSeconds },
    { credentialId: client.id, subject: client.publicId, tenantId: tenant.id, scopes },
    issuedAt,
  );
  return issued.token;
}

/** A new credential of `kind` (through the credential service, as the API makes them). */
export async function mint(t: TestApp, kind: PresentedKind, options: MintOptions): Promise<TestCredential> {
  if (kind !== 'oauth_client') {
    const made = await newCredential(t, kind, options, options.scopes);
    return { kind, tenant: options.tenant, ...made };
  }
  const client = await clientOf(t, options);
  const ttlMs = t.auth.accessTokenTtlSeconds * 1000;
  const issuedAt = options.expiresAt === undefined ? Date.now() : options.expiresAt - ttlMs;
  const token = await mintAccessToken(t.auth, client, options.tenant, options.scopes, issuedAt);
  return { kind, tenant: options.tenant, id: client.id, publicId: client.publicId, secret: token };
}

/** The same credential with a secret that is well-formed but wrong (a token: a forged signature). */
export async function withWrongSecret(t: TestApp, credential: TestCredential): Promise<TestCredential> {
  switch (credential.kind) {
    case 'oauth_client': {
      const other = await mintAccessToken(t.auth, credential, credential.tenant, []);
      const [header, payload] = credential.secret.split('.');
      return { ...credential, secret: `${header}.${payload}.${other.split('.')[2]}` };
    }
    case 'api_key':
    case 'session':
      // `pk_<16 hex>_<43 characters>`: the same lookup, another secret part.
      return { ...credential, secret: `${credential.secret.slice(0, 20)}${randomSecret(32)}` };
    case 'access_key':
      return { ...credential, secret: randomSecret(30) };
  }
}

/** Revokes a test credential through the credential service. */
export async function revoke(t: TestApp, credential: TestCredential): Promise<void> {
  await revokeCredential(t.ctx, credential.tenant, credential.kind, credential.id);
}
