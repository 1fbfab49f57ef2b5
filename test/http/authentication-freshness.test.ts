import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../../src/auth/auth-settings.js';
import { ensureClient } from '../../src/auth/bootstrap.js';
import { allScopes, type Scope } from '../../src/auth/scopes.js';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { buildApp } from '../../src/http/app.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { fetchToken, testAppOptions, testAuthSettings, unique } from '../support/app.js';

/**
 * What the hot path keeps in memory (verification keys, last-used bookkeeping, prepared
 * statements) must never let a change to a credential wait: two apps over one database stand for
 * two processes behind a load balancer, and every change made through one holds in the other on
 * the very next request.
 */
for (const kind of testDatabaseKinds()) {
  void describe(`authentication stays fresh across processes [${kind}]`, () => {
    let database: TestDatabase;
    let ctx: CoreContext;
    let root: ActingTenant;
    const masterKey = randomBytes(32);
    const apps: { app: FastifyInstance; auth: AuthSettings }[] = [];

    const settings = () => testAuthSettings(database.db, Date.now, masterKey);

    before(async () => {
      database = await openTestDatabase(kind);
      ctx = {
        db: database.db,
        now: Date.now,
        actor: 'test',
        origin: { source: 'test', credentialId: null, userId: null, requestId: null },
      };
      const made = await createTenant(ctx, wholeInstallation, { code: unique('FRESH'), name: 'Fresh' });
      root = { id: made.id, path: `/${made.id}/` };
      for (let i = 0; i < 2; i += 1) {
        const auth = settings();
        apps.push({ app: await buildApp(testAppOptions(database.db, auth)), auth });
      }
    });
    after(async () => {
      for (const { app } of apps) await app.close();
      await database.close();
    });

    const [first, second] = [() => apps[0]!, () => apps[1]!];
    const client = async (scopes: readonly Scope[]) => {
      const made = { clientId: unique('fresh-client-'), clientSecret: randomBytes(16).toString('hex') };
      await ensureClient(ctx, first().auth, root, { ...made, name: 'fresh', scopes });
      return { ...made, token: await fetchToken(first().app, made.clientId, made.clientSecret) };
    };
    const whoami = (app: FastifyInstance, token: string) =>
      app.inject({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });
    const admin = async () => (await client(allScopes)).token;
    const idOf = async (app: FastifyInstance, token: string) =>
      (await whoami(app, token)).json<{ credentialId: string }>().credentialId;

    test('a client revoked through one process is refused by both on the next request', async () => {
      const { token } = await client(['profiles:read']);
      for (const { app } of apps) assert.equal((await whoami(app, token)).statusCode, 200);
      const id = await idOf(second().app, token);
      const revoked = await first().app.inject({
        method: 'DELETE',
        url: `/v1/oauth-clients/${id}`,
        headers: { authorization: `Bearer ${await admin()}` },
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      for (const { app } of apps) assert.equal((await whoami(app, token)).statusCode, 401);
    });

    test('an API key revoked through one process is refused by the other at once', async () => {
      const adminToken = await admin();
      const created = await first().app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: { name: 'fresh key', scopes: ['profiles:read'] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id, key } = created.json<{ id: string; key: string }>();
      const withKey = () =>
        second().app.inject({ method: 'GET', url: '/v1/whoami', headers: { 'x-api-key': key } });
      assert.equal((await withKey()).statusCode, 200);
      const revoked = await first().app.inject({
        method: 'DELETE',
        url: `/v1/api-keys/${id}`,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.equal((await withKey()).statusCode, 401);
    });

    test("scopes narrowed through one process narrow the other's tokens at once", async () => {
      const { token } = await client(['profiles:read', 'tenants:read']);
      const id = await idOf(second().app, token);
      const patched = await first().app.inject({
        method: 'PATCH',
        url: `/v1/oauth-clients/${id}`,
        headers: { authorization: `Bearer ${await admin()}` },
        payload: { scopes: ['profiles:read'] },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const answer = await whoami(second().app, token);
      assert.deepEqual(answer.json<{ scopes: string[] }>().scopes, ['profiles:read']);
    });

    test('after a key rotation in one process, the other verifies old and new tokens', async () => {
      const before = await client(['profiles:read']);
      assert.equal((await whoami(second().app, before.token)).statusCode, 200);
      await first().auth.keys.rotate();
      const afterwards = await client(['profiles:read']);
      for (const { app } of apps) {
        assert.equal((await whoami(app, before.token)).statusCode, 200);
        assert.equal((await whoami(app, afterwards.token)).statusCode, 200);
      }
    });

    test('the last-used time is recorded on first use, in whichever process sees it', async () => {
      const { token } = await client(['credentials:read']);
      const id = await idOf(second().app, token);
      const read = async () => {
        const res = await first().app.inject({
          method: 'GET',
          url: `/v1/oauth-clients/${id}`,
          headers: { authorization: `Bearer ${token}` },
        });
        return res.json<{ lastUsedAt: string | null }>().lastUsedAt;
      };
      // The write does not hold up the request; wait for it a little.
      let lastUsedAt: string | null = null;
      for (let i = 0; i < 50 && lastUsedAt === null; i += 1) {
        lastUsedAt = await read();
        if (lastUsedAt === null) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(lastUsedAt !== null && Date.parse(lastUsedAt) <= Date.now());
    });
  });
}
