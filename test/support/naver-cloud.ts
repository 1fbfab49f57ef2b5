import { createHmac } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from './app.js';
import { freshTimestamp } from './credentials.js';
import { as, type TenantRef } from './fixtures.js';

export interface NcpKey {
  accessKey: string;
  secretKey: string;
}

/** An HMAC access key of the tenant with these scopes. */
export async function ncpKeyOf(t: TestApp, tenant: TenantRef, scopes: string[]): Promise<NcpKey> {
  const made = await as(t, tenant, 'POST', '/v1/access-keys', { name: 'ncp', scopes });
  if (made.statusCode !== 201) throw new Error(made.body);
  const { accessKey, secretKey } = made.json();
  return { accessKey, secretKey };
}

/**
 * NCP's signature v2 written out here, as NCP's documentation gives it (the openssl pipeline
 * `printf "$METHOD $URI\n$TS\n$AK" | openssl dgst -sha256 -hmac "$SK" -binary | base64`), not
 * profiled's own code.
 */
export function ncpSignature(key: NcpKey, method: string, uri: string, timestamp: string): string {
  return createHmac('sha256', key.secretKey)
    .update(`${method} ${uri}\n${timestamp}\n${key.accessKey}`)
    .digest('base64');
}

/** Sends a request signed as NCP's signers sign it (raw target; `sign` overrides what is signed). */
export function ncpRequest(
  t: TestApp,
  key: NcpKey,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  sign: { method?: string; url?: string; timestamp?: string } = {},
): Promise<Answer> {
  const timestamp = sign.timestamp ?? String(freshTimestamp());
  const options: InjectOptions = {
    method,
    url,
    headers: {
      'x-ncp-apigw-timestamp': timestamp,
      'x-ncp-iam-access-key': key.accessKey,
      'x-ncp-apigw-signature-v2': ncpSignature(key, sign.method ?? method, sign.url ?? url, timestamp),
      accept: 'application/json',
      // ncp-client (axios) sends it on every method, with a body or not.
      'content-type': 'application/json; charset=utf-8',
    },
    ...(payload !== undefined && { payload: JSON.stringify(payload) }),
  };
  return t.request(options);
}
