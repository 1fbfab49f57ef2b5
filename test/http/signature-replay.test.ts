import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanUp } from '../../src/auth/housekeeping.js';
import { buildApp } from '../../src/http/app.js';
import { forEachApp, testAppOptions, testAuthSettings, type Answer } from '../support/app.js';
import { signatureHeaders } from '../support/credentials.js';
import { newTenant, type TenantRef } from '../support/fixtures.js';
import { ncpKeyOf, ncpSignature, type NcpKey } from '../support/naver-cloud.js';

const status = (answer: Answer) => answer.statusCode;

forEachApp('a signature is accepted once, in every process over the database', (t) => {
  let tenant: TenantRef;
  let key: NcpKey;
  const nativeKey = () => ({ publicId: key.accessKey, secret: key.secretKey });

  test('set-up', async () => {
    tenant = await newTenant(t());
    key = await ncpKeyOf(t(), tenant, ['profiles:read', 'users:read']);
  });

  test('native: the same signed request again is a 401; signed anew it passes', async () => {
    const url = '/v1/users?limit=1';
    const headers = signatureHeaders(nativeKey(), { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers })), 200);
    const replay = await t().request({ method: 'GET', url, headers });
    assert.equal(status(replay), 401, replay.body);
    assert.match(replay.json().detail, /used before/);
    const anew = signatureHeaders(nativeKey(), { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers: anew })), 200);
  });

  test('NCP: a captured request replayed (even with another body) is the gateway 401', async () => {
    const url = '/api/v1/profiles?page=0&size=1';
    const ts = String(Date.now());
    const headers = {
      'x-ncp-apigw-timestamp': ts,
      'x-ncp-iam-access-key': key.accessKey,
      'x-ncp-apigw-signature-v2': ncpSignature(key, 'GET', url, ts),
    };
    assert.equal(status(await t().request({ method: 'GET', url, headers })), 200);
    const replay = await t().request({ method: 'GET', url, headers });
    assert.equal(status(replay), 401);
    assert.equal(replay.json().error.errorCode, '200');
  });

  test('a second app over the same database refuses what the first accepted', async () => {
    const second = await buildApp(
      testAppOptions(t().database.db, testAuthSettings(t().database.db, Date.now, t().masterKey)),
    );
    t().defer(() => second.close());
    const url = '/v1/users?limit=1';
    const headers = signatureHeaders(nativeKey(), { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers })), 200);
    const there = await second.inject({ method: 'GET', url, headers });
    assert.equal(there.statusCode, 401, there.body);
  });

  test('a wrong signature records nothing; ended windows are cleaned up', async () => {
    const count = async () =>
      Number(
        (
          await t()
            .database.db.selectFrom('used_signatures')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const url = '/v1/users?limit=1';
    const wrong = signatureHeaders({ ...nativeKey(), secret: 'not-the-secret' }, { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers: wrong })), 401);
    assert.equal(await count(), before);
    const removed = await cleanUp(
      t().database.db,
      { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 10_000 },
      Date.now() + 6 * 60_000,
    );
    assert.ok(removed.usedSignatures >= before && before > 0, JSON.stringify({ removed, before }));
    assert.equal(await count(), 0);
  });
});
