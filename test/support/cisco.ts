import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from './app.js';
import { create, type TenantRef } from './fixtures.js';

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** Cisco's token request, as the threatresponse module sends it (reference/clients/cisco-threatresponse.md). */
export const tokenRequest = (clientId: string, secret: string, body = 'grant_type=client_credentials') => ({
  method: 'POST' as const,
  url: '/iroh/oauth2/token',
  headers: {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    authorization: basic(clientId, secret),
    'user-agent': 'python-requests/2.34.2',
    'accept-encoding': 'gzip, deflate',
    connection: 'keep-alive',
  },
  payload: body,
});

export interface CiscoClient {
  clientId: string;
  secret: string;
  /** A new access token from POST /iroh/oauth2/token. */
  token(scope?: string): Promise<string>;
  /** Sends a request with a bearer token of the client (fetched once) unless it carries its own. */
  request(options: InjectOptions): Promise<Answer>;
}

/** An API client of `tenant`, made for `userId` (it then acts as that user) or for nobody. */
export async function ciscoClient(
  t: TestApp,
  tenant: TenantRef,
  options: { scopes?: string[]; userId?: string } = {},
): Promise<CiscoClient> {
  const made = await create(t, tenant, '/v1/oauth-clients', {
    name: 'cisco script',
    ...(options.scopes && { scopes: options.scopes }),
    ...(options.userId && { userId: options.userId }),
  });
  const clientId = made.clientId as string;
  const secret = made.clientSecret as string;
  const token = async (scope?: string) => {
    const body = `grant_type=client_credentials${scope === undefined ? '' : `&scope=${encodeURIComponent(scope)}`}`;
    const res = await t.app.inject(tokenRequest(clientId, secret, body));
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ access_token: string }>().access_token;
  };
  let bearer: string | undefined;
  return {
    clientId,
    secret,
    token,
    request: async (options) => {
      const headers = { ...(options.headers as Record<string, string> | undefined) };
      if (!('authorization' in headers)) headers.authorization = `Bearer ${(bearer ??= await token())}`;
      return t.request({ ...options, headers });
    },
  };
}

/** The claim names of Cisco's tokens. */
export const ciscoClaim = (name: string) => `https://schemas.cisco.com/iroh/identity/claims/${name}`;
