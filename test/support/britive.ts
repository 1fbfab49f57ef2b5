import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from './app.js';
import { create, type TenantRef } from './fixtures.js';

export const SDK_AGENT = 'britive-python-sdk/4.6.0 python-requests/2.34.2';

export interface BritiveClient {
  token: string;
  /** Sends as Britive's SDK does: `Authorization: TOKEN|Bearer`, Content-Type: application/json on every request. */
  request(options: InjectOptions): Promise<Answer>;
}

/**
 * A Britive client of `tenant`, with an API token (a profiled API key). Its SDK picks `Bearer`
 * for tokens of 50 characters or more, as profiled's keys are; `scheme` forces one.
 */
export async function britiveClient(
  t: TestApp,
  tenant: TenantRef,
  options: { scopes?: string[]; scheme?: 'TOKEN' | 'Bearer' } = {},
): Promise<BritiveClient> {
  const made = await create(t, tenant, '/v1/api-keys', {
    name: 'britive sdk',
    ...(options.scopes && { scopes: options.scopes }),
  });
  const token = made.key as string;
  assert.ok(token);
  const scheme = options.scheme ?? (token.length >= 50 ? 'Bearer' : 'TOKEN');
  return {
    token,
    request: (o) => {
      const headers = { ...(o.headers as Record<string, string> | undefined) };
      return t.request({
        ...o,
        headers: {
          authorization: `${scheme} ${token}`,
          'content-type': 'application/json',
          'user-agent': SDK_AGENT,
          accept: '*/*',
          ...headers,
        },
      });
    },
  };
}
