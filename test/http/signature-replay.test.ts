import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { issueCredential } from '../../src/auth/credential.service.js';
import { cleanUp } from '../../src/auth/housekeeping.js';
import { allScopes } from '../../src/auth/scopes.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { forEachApp, testAppOptions, testAuthSettings, unique, type Answer } from '../support/app.js';
import { freshTimestamp, signatureHeaders, type Presentable } from '../support/credentials.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { newTenant, type TenantRef } from '../support/fixtures.js';
import { ncpKeyOf, ncpRequest, ncpSignature, type NcpKey } from '../support/naver-cloud.js';

const status = (answer: Answer) => answer.statusCode;

/** A replay is refused as any failed authentication is, saying why. */
function refusedAsReplay(answer: Answer) {
  assert.equal(answer.statusCode, 401, answer.body);
  assert.equal(answer.json().code, 'auth.unauthenticated');
  assert.match(answer.json().detail, /used before/);
}

forEachApp('a signature is accepted once', (t) => {
  let tenant: TenantRef;
  let key: NcpKey;
  const nativeKey = (): Presentable => ({ publicId: key.accessKey, secret: key.secretKey });
  const usedSignatures = async () =>
    Number(
      (
        await t()
          .database.db.selectFrom('used_signatures')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('set-up', async () => {
    tenant = await newTenant(t());
    key = await ncpKeyOf(t(), tenant, ['profiles:read', 'profiles:write', 'users:read']);
  });

  test('native: the same signed request again is a 401; signed anew it passes', async () => {
    const url = '/v1/users?limit=1';
    const headers = signatureHeaders(nativeKey(), { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers })), 200);
    refusedAsReplay(await t().request({ method: 'GET', url, headers }));
    const anew = signatureHeaders(nativeKey(), { method: 'GET', url });
    assert.equal(status(await t().request({ method: 'GET', url, headers: anew })), 200);
  });

  test('native: of the same signed request sent many times at once, exactly one passes', async () => {
    const url = '/v1/whoami';
    const headers = signatureHeaders(nativeKey(), { method: 'GET', url });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t().request({ method: 'GET', url, headers })),
    );
    assert.deepEqual(answers.map(status).sort(), [200, 401, 401, 401, 401, 401]);
  });

  test('NCP: a captured POST replayed with another body is the gateway 401, and not acted on', async () => {
    const url = '/api/v1/profiles';
    const ts = String(freshTimestamp());
    const headers = {
      'x-ncp-apigw-timestamp': ts,
      'x-ncp-iam-access-key': key.accessKey,
      'x-ncp-apigw-signature-v2': ncpSignature(key, 'POST', url, ts),
      'content-type': 'application/json',
    };
    const original = await t().request({ method: 'POST', url, headers, payload: { name: 'signed' } });
    assert.equal(status(original), 200, original.body);
    const replay = await t().request({ method: 'POST', url, headers, payload: { name: 'replayed' } });
    assert.equal(status(replay), 401, replay.body);
    assert.equal(replay.json().error.errorCode, '200');
    const all = await ncpRequest(t(), key, 'GET', `${url}?page=0&size=10`);
    assert.equal(status(all), 200, all.body);
    assert.deepEqual(
      all.json().content.map((p: { name: string }) => p.name),
      ['signed'],
    );
  });

  test('a wrong signature records nothing, and is refused as wrong, not as a replay', async () => {
    const before = await usedSignatures();
    const url = '/v1/users?limit=1';
    const wrong = signatureHeaders({ ...nativeKey(), secret: 'not-the-secret' }, { method: 'GET', url });
    for (let i = 0; i < 2; i += 1) {
      const answer = await t().request({ method: 'GET', url, headers: wrong });
      assert.equal(status(answer), 401);
      assert.doesNotMatch(answer.json().detail, /used before/);
    }
    assert.equal(await usedSignatures(), before);
  });

  test('once its window has ended, housekeeping removes what a request recorded', async () => {
    const url = '/v1/whoami';
    const signedAt = freshTimestamp();
    const headers = signatureHeaders(nativeKey(), { method: 'GET', url }, signedAt);
    const answer = await t().request({ method: 'GET', url, headers });
    assert.equal(status(answer), 200, answer.body);
    const { credentialId } = answer.json();
    const recorded = () =>
      t()
        .database.db.selectFrom('used_signatures')
        .select('signature_hash')
        .where('credential_id', '=', credentialId)
        .where('expires_at', '=', signedAt + 5 * 60_000)
        .execute();
    assert.equal((await recorded()).length, 1, 'recorded with the end of its window');
    const policy = { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 1000 };
    await cleanUp(t().database.db, policy, signedAt + 5 * 60_000);
    assert.equal((await recorded()).length, 1, 'kept while its window lasts');
    await cleanUp(t().database.db, policy, signedAt + 5 * 60_000 + 1);
    assert.deepEqual(await recorded(), []);
  });
});

/**
 * Two profiled processes over one database: each its own connections (the same SQLite file,
 * another PostgreSQL pool), its own caches, the same master key.
 */
for (const kind of testDatabaseKinds()) {
  void describe(`two processes over one database share the used signatures [${kind}]`, () => {
    let database: TestDatabase;
    let otherDatabase: Database;
    let first: FastifyInstance;
    let second: FastifyInstance;
    let key: Presentable;

    before(async () => {
      database = await openTestDatabase(kind, true);
      otherDatabase = openDatabase({ url: database.url, poolSize: 4 });
      const masterKey = randomBytes(32);
      const auth = testAuthSettings(database.db, Date.now, masterKey);
      first = await buildApp(testAppOptions(database.db, auth));
      second = await buildApp(
        testAppOptions(otherDatabase.db, testAuthSettings(otherDatabase.db, Date.now, masterKey)),
      );
      const ctx = { db: database.db, now: Date.now, actor: 'test' };
      const made = await createTenant(ctx, wholeInstallation, { code: unique('RP'), name: 'rp' });
      const issued = await issueCredential(
        ctx,
        { id: made.id, path: `/${made.id}/` },
        'access_key',
        { name: 'k', scopes: ['users:read'] },
        { settings: auth, grantable: allScopes },
      );
      key = { publicId: issued.credential.publicId, secret: issued.secret };
    });
    after(async () => {
      await first.close();
      await second.close();
      await otherDatabase.close();
      await database.close();
    });

    const whoami = (app: FastifyInstance, headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/v1/whoami', headers }) as Promise<Answer>;
    const signed = () => signatureHeaders(key, { method: 'GET', url: '/v1/whoami' });

    test('what one accepted, the other refuses, both ways', async () => {
      const once = signed();
      assert.equal(status(await whoami(first, once)), 200);
      refusedAsReplay(await whoami(second, once));
      const again = signed();
      assert.equal(status(await whoami(second, again)), 200);
      refusedAsReplay(await whoami(first, again));
    });

    test('the same signed request sent to both at once passes exactly once', async () => {
      for (let round = 0; round < 5; round += 1) {
        const headers = signed();
        const answers = await Promise.all([first, second, first, second].map((app) => whoami(app, headers)));
        assert.deepEqual(answers.map(status).sort(), [200, 401, 401, 401], `round ${round}`);
      }
    });
  });
}
