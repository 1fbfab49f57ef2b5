import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from './app.js';
import { create, type TenantRef } from './fixtures.js';
import { VendorReference } from './reference-document.js';

export interface VisierClient {
  /** The tenant's API key, sent as `apikey` on every call. */
  apiKey: string;
  request(options: InjectOptions): Promise<Answer>;
}

/**
 * A Visier client of `tenant`: its API key as `apikey`, and (unless the test passes its own) the
 * same key as the bearer token, which Visier's scheme accepts like any token of the tenant.
 */
export async function visierClient(t: TestApp, tenant: TenantRef, scopes?: string[]): Promise<VisierClient> {
  const made = await create(t, tenant, '/v1/api-keys', { name: 'visier client', ...(scopes && { scopes }) });
  const apiKey = made.key as string;
  assert.ok(apiKey);
  return {
    apiKey,
    request: (options) => {
      const headers = { ...(options.headers as Record<string, string> | undefined) };
      const hasToken = 'authorization' in headers || 'cookie' in headers;
      return t.request({
        ...options,
        headers: { apikey: apiKey, ...(hasToken ? {} : { authorization: `Bearer ${apiKey}` }), ...headers },
      });
    },
  };
}

/** A body as Visier's curl samples send it: `-d 'model={...}'`. */
export const modelForm = (body: object) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: `model=${encodeURIComponent(JSON.stringify(body))}`,
});

/** Visier's official OpenAPI 3.0 excerpts (Apache-2.0): the contract of the Visier compat API. */
export const visierReference = () =>
  new VendorReference(
    ['visier-admin-profiles-users-tenants.openapi.json', 'visier-auth.openapi.json'].map(
      (name) => new URL(`../compat/visier/reference/${name}`, import.meta.url),
    ),
  );
