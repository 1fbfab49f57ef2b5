import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { generateApiSignature } from 'ncp-client/dist/utils/helper.js';
import { ApiClient } from 'ncp-client/dist/utils/api_request.js';
import { forEachApp } from '../../support/app.js';
import { as, newTenant, type TenantRef } from '../../support/fixtures.js';
import { ncpKeyOf, type NcpKey } from '../../support/naver-cloud.js';

const run = promisify(execFile);

/** The openssl pipeline of NCP's documentation: HMAC-SHA256 of the text with the secret key, base64. */
function opensslSignature(secretKey: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', 'openssl dgst -sha256 -hmac "$SK" -binary | base64'], {
      env: { ...process.env, SK: secretKey },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`openssl exited ${code}`)),
    );
    child.stdin.end(text);
  });
}

/** The seed's curl, with only the host and the keys changed. */
const seedCurl = (host: string, profileId: string, key: NcpKey, ts: string, signature: string) => [
  '-s',
  '-w',
  '\n%{http_code}',
  '--location',
  '--request',
  'GET',
  `${host}/api/v1/profiles/${profileId}`,
  '--header',
  `x-ncp-apigw-timestamp: ${ts}`,
  '--header',
  `x-ncp-iam-access-key: ${key.accessKey}`,
  '--header',
  `x-ncp-apigw-signature-v2: ${signature}`,
  '--header',
  'Accept: application/json',
];

forEachApp("NAVER Cloud's signers: ncp-client (axios) and openssl + curl", (t) => {
  let tenant: TenantRef;
  let key: NcpKey;
  let host: string;
  let profileId: string;

  test('set-up: a listening app, an access key and a profile', async () => {
    tenant = await newTenant(t());
    key = await ncpKeyOf(t(), tenant, ['profiles:read', 'profiles:write']);
    const role = await as(t(), tenant, 'POST', '/v1/roles', { name: 'seed-role' });
    const made = await as(t(), tenant, 'POST', '/v1/profiles', {
      name: 'profile000',
      description: 'profile',
      enabled: true,
      sessionDurationSeconds: 600,
      roles: [role.json().name],
    });
    profileId = made.json().id;
    await t().app.listen({ host: '127.0.0.1', port: 0 });
    host = `http://127.0.0.1:${(t().app.server.address() as AddressInfo).port}`;
  });

  test("the seed's curl, signed by ncp-client's generateApiSignature, answers the seed's shape", async () => {
    const url = `/api/v1/profiles/${profileId}`;
    const { timestamp, signature } = generateApiSignature({ method: 'GET', url, ncpAuthKey: key });
    const { stdout } = await run('curl', seedCurl(host, profileId, key, timestamp, signature));
    const [body, status] = stdout.split('\n');
    assert.equal(status, '200', body);
    const profile = JSON.parse(body!);
    assert.deepEqual(
      [profile.profileId, profile.name, profile.description, profile.enabled, profile.durationSeconds],
      [profileId, 'profile000', 'profile', true, 600],
    );
    assert.match(profile.roleNrnList[0], /^nrn:PUB:IAM::\d{12}:Role\/[0-9a-f-]{36}$/);
  });

  test("the seed's curl, signed by openssl, is accepted; a signature over another target is not", async () => {
    const url = `/api/v1/profiles/${profileId}`;
    const ts = String(Date.now());
    const signature = await opensslSignature(key.secretKey, `GET ${url}\n${ts}\n${key.accessKey}`);
    const ok = await run('curl', seedCurl(host, profileId, key, ts, signature));
    assert.equal(ok.stdout.split('\n')[1], '200', ok.stdout);
    for (const signed of [`POST ${url}`, `GET ${url}?page=0`, `GET /api/v1/profiles`]) {
      const other = await opensslSignature(key.secretKey, `${signed}\n${ts}\n${key.accessKey}`);
      const refused = await run('curl', seedCurl(host, profileId, key, ts, other));
      const [body, status] = refused.stdout.split('\n');
      assert.equal(status, '401', signed);
      assert.equal(JSON.parse(body!).error.errorCode, '200');
    }
  });

  test("ncp-client's ApiClient (axios, Content-Type on every method) lists, disables and deletes", async () => {
    const client = new ApiClient(host, 5000);
    const call = async (method: 'GET' | 'POST' | 'DELETE', path: string) => {
      const { timestamp, signature } = generateApiSignature({ method, url: path, ncpAuthKey: key });
      const answer: { isSuccess: boolean; data?: unknown; errorMessage?: unknown } = await client.request({
        path,
        method,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'x-ncp-apigw-timestamp': timestamp,
          'x-ncp-iam-access-key': key.accessKey,
          'x-ncp-apigw-signature-v2': signature,
        },
      });
      assert.ok(answer.isSuccess, `${method} ${path}: ${JSON.stringify(answer.errorMessage)}`);
      return answer.data as any;
    };
    const page = await call('GET', '/api/v1/profiles?searchColumn=name&searchWord=profile000&page=0&size=20');
    assert.deepEqual([page.totalElements, page.content[0].profileId], [1, profileId]);
    assert.equal((await call('POST', `/api/v1/profiles/${profileId}/disable`)).enabled, false);
    assert.equal((await call('DELETE', `/api/v1/profiles/${profileId}`)).profileId, profileId);
  });
});
