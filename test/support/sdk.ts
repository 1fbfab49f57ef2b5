import type { AddressInfo } from 'node:net';
import { allScopes, type Scope } from '../../src/auth/scopes.js';
import { createProfiled, type Profiled, type ProfiledOptions } from '../../packages/sdk/src/index.js';
import type { TestApp } from './app.js';
import type { TenantRef } from './fixtures.js';

const listening = new WeakMap<TestApp, Promise<string>>();

/** The base URL of the test app served over real HTTP on a free local port (listening once). */
export function baseUrlOf(t: TestApp): Promise<string> {
  let url = listening.get(t);
  if (!url) {
    url = t.app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
      const { port } = t.app.server.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    });
    listening.set(t, url);
  }
  return url;
}

/** An SDK client of the test app with these options (over real HTTP). */
export async function sdkOf(t: TestApp, options: Omit<ProfiledOptions, 'baseUrl'>): Promise<Profiled> {
  return createProfiled({ baseUrl: await baseUrlOf(t), ...options });
}

/** An SDK client holding a token of the installation's all-scopes admin client. */
export async function adminSdk(t: TestApp): Promise<Profiled> {
  return sdkOf(t, { credentials: { token: await t.tokenFor(allScopes) } });
}

/** A new OAuth client of `tenant`, made through the API: what the SDK signs in with. */
export async function newClientCredentials(
  admin: Profiled,
  tenant: TenantRef,
  scopes: Scope[],
): Promise<{ clientId: string; clientSecret: string }> {
  const { data } = await admin.inTenant(tenant.code).post('/v1/oauth-clients', {
    body: { name: 'sdk test client', scopes },
  });
  return { clientId: data.clientId, clientSecret: data.clientSecret };
}

/** A fetch that passes every request on and counts them by path. */
export function countingFetch(): { fetch: typeof fetch; count: (path: string) => number } {
  const counts = new Map<string, number>();
  const counted: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetch: counted, count: (path) => counts.get(path) ?? 0 };
}
