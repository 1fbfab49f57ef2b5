import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { decodeProtectedHeader } from 'jose';
import { verifyAccessToken } from '../../src/auth/access-token.js';
import type { AuthSettings } from '../../src/auth/auth-settings.js';
import { allScopes } from '../../src/auth/scopes.js';
import { rotateKeysCommand } from '../../src/cli/credentials.js';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { forEachApp, testAppOptions, testAuthSettings, testIssuer } from '../support/app.js';
import { mint, mintAccessToken } from '../support/credentials.js';

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const TTL_MS = 600_000;

forEachApp('signing keys shared by processes over one database', (t) => {
  /** A second process: its own connections (PostgreSQL), its own key caches, the same master key. */
  let secondDatabase: Database | undefined;
  let secondAuth: AuthSettings;
  let secondApp: FastifyInstance;
  let client: { id: string; publicId: string };

  const authOfAnotherProcess = (now: () => number = Date.now) =>
    testAuthSettings(secondDatabase?.db ?? t().database.db, now, t().masterKey);
  const whoami = (app: FastifyInstance, token: string) =>
    app.inject({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });
  const tokenFrom = (auth: AuthSettings, issuedAt = Date.now()) =>
    mintAccessToken(auth, client, t().root, allScopes, issuedAt);

  before(async () => {
    if (t().database.kind === 'postgres') {
      secondDatabase = openDatabase({ url: t().database.url, poolSize: 2 });
    }
    secondAuth = authOfAnotherProcess();
    secondApp = await buildApp(testAppOptions(secondDatabase?.db ?? t().database.db, secondAuth));
    const made = await mint(t(), 'oauth_client', { scopes: allScopes, tenant: t().root });
    client = { id: made.id, publicId: made.publicId };
    t().defer(async () => {
      await secondApp.close();
      await secondDatabase?.close();
    });
  });

  test("each process verifies the other's tokens, signed with the one key they share", async () => {
    const fromFirst = await tokenFrom(t().auth);
    const fromSecond = await tokenFrom(secondAuth);
    assert.equal(kidOf(fromFirst), kidOf(fromSecond), 'both processes sign with the key in the database');
    assert.equal((await whoami(secondApp, fromFirst)).statusCode, 200);
    assert.equal((await whoami(t().app, fromSecond)).statusCode, 200);
  });

  test('after a rotation the previous key verifies its tokens until they have expired', async () => {
    const old = await tokenFrom(t().auth);
    if (t().database.kind === 'postgres') {
      // The real command, over its own connections, as an operator runs it.
      const saved = { ...process.env };
      Object.assign(process.env, {
        DATABASE_URL: t().database.url,
        MASTER_KEY: t().masterKey.toString('hex'),
      });
      try {
        await rotateKeysCommand();
      } finally {
        process.env = saved;
      }
    } else {
      await authOfAnotherProcess().keys.rotate();
    }
    const fresh = await tokenFrom(authOfAnotherProcess());
    assert.notEqual(kidOf(fresh), kidOf(old), 'a process that reads the keys now signs with the new one');
    for (const app of [t().app, secondApp]) {
      assert.equal((await whoami(app, old)).statusCode, 200, 'the old key still verifies');
      assert.equal((await whoami(app, fresh)).statusCode, 200, 'the new key verifies everywhere');
    }
    const jwks = await t().app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    const kids = jwks.json().keys.map((k: { kid: string }) => k.kid);
    assert.ok(kids.includes(kidOf(old)) && kids.includes(kidOf(fresh)), kids.join());

    const later = authOfAnotherProcess(() => Date.now() + TTL_MS + 60_000);
    assert.deepEqual(
      (await later.keys.jwks()).keys.map((k) => k.kid),
      [kidOf(fresh)],
      'once its tokens have expired the old key is no longer published',
    );
  });

  test('a token signed with the old key by a process that has not yet seen the rotation lives its whole life', async () => {
    let clock = Date.now();
    const stale = authOfAnotherProcess(() => clock);
    const before = await tokenFrom(stale, clock);
    await authOfAnotherProcess(() => clock).keys.rotate();
    clock += 20_000; // less than the 30 s a process signs with the key it read before looking again
    const late = await tokenFrom(stale, clock);
    assert.equal(kidOf(late), kidOf(before), 'the stale process still signs with the retired key');
    const justBeforeExpiry = clock + TTL_MS - 1000;
    const verifier = authOfAnotherProcess(() => justBeforeExpiry);
    assert.ok(await verifyAccessToken(verifier.keys, testIssuer, late, justBeforeExpiry));
  });
});
