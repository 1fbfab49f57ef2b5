import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { CoreContext } from '../../src/core/context.js';
import { buildApp } from '../../src/http/app.js';
import { SILENCE_MS } from '../../src/store/remote-changes.js';
import { ensureClient } from '../../src/auth/bootstrap.js';
import { allScopes } from '../../src/auth/scopes.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { fetchToken, testAppOptions, testAuthSettings, unique } from '../support/app.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import type { OtherProcessWrite, OtherProcessWriteKind } from '../support/write-from-another-process.js';

const writer = fileURLToPath(new URL('../support/write-from-another-process.ts', import.meta.url));

/** Makes one write from a separate Node process over the same database; resolves once it has committed. */
function writeFromAnotherProcess(url: string, kind: OtherProcessWriteKind, write: OtherProcessWrite) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, url, kind, JSON.stringify(write)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

/**
 * The documented bound (docs/performance.md): a write committed by another process is seen by
 * this one's next request on SQLite (data_version), and as soon as PostgreSQL delivers the
 * notification otherwise; in no case later than SILENCE_MS after the commit. This waits for the
 * answer to change, up to that bound (plus a margin for a busy machine to run the request at
 * all), and says how many requests it took.
 */
async function requestsUntil(changed: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + SILENCE_MS + 500;
  for (let requests = 1; ; requests += 1) {
    if (await changed()) return requests;
    if (Date.now() > deadline) return Infinity;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const kind of testDatabaseKinds()) {
  void describe(`the read cache hears of other processes' writes [${kind}]`, () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let ctx: CoreContext;
    let root: { id: string; path: string };
    let adminToken: string;

    before(async () => {
      database = await openTestDatabase(kind, true);
      const auth = testAuthSettings(database.db);
      app = await buildApp(testAppOptions(database.db, auth));
      ctx = {
        db: database.db,
        now: Date.now,
        actor: 'test',
        origin: { source: 'test', credentialId: null, userId: null, requestId: null },
      };
      const made = await createTenant(ctx, wholeInstallation, { code: unique('ROOT'), name: 'Root' });
      root = { id: made.id, path: `/${made.id}/` };
      const admin = { clientId: unique('admin-'), clientSecret: unique('secret-') };
      await ensureClient(ctx, auth, root, { ...admin, name: 'admin', scopes: allScopes });
      adminToken = await fetchToken(app, admin.clientId, admin.clientSecret);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const send = (method: 'GET' | 'POST', url: string, payload?: object, token = adminToken) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) });

    /** A user of a new tenant below the root, holding Security through one assignment. */
    async function holder() {
      const tenant = (
        await send('POST', '/v1/tenants', { code: unique('T'), name: 't', parentId: root.id })
      ).json();
      const acting = { id: tenant.id, path: `${root.path}${tenant.id}/` };
      const on = (method: 'GET' | 'POST', url: string, payload?: object) =>
        app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${adminToken}`, 'target-tenant': tenant.code },
          ...(payload && { payload }),
        });
      const user = (await on('POST', '/v1/users', { username: unique('u') })).json();
      const profile = (
        await on('POST', '/v1/profiles', {
          name: unique('p'),
          capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
        })
      ).json();
      const assignment = (
        await on('POST', '/v1/assignments', { profileId: profile.id, userId: user.id })
      ).json();
      const allowed = async () => {
        const answer = await on('POST', '/v1/access/check', {
          user: user.id,
          capability: 'Security',
          level: 'Read',
        });
        assert.equal(answer.statusCode, 200, answer.body);
        return answer.json().allowed as boolean;
      };
      assert.equal(await allowed(), true);
      assert.equal(await allowed(), true, 'asked twice: now in the cache');
      return { tenant, acting, user, assignment, allowed };
    }

    const withinBound = (requests: number) => {
      assert.notEqual(requests, Infinity, 'the other process’s write was never seen');
      // SQLite's data_version is asked on every read: the very next request sees the write.
      if (kind === 'sqlite') assert.equal(requests, 1);
    };

    test('a credential revoked by another process is refused', async () => {
      const client = { clientId: unique('c-'), clientSecret: unique('s-') };
      const auth = testAuthSettings(database.db);
      await ensureClient(ctx, auth, root, { ...client, name: 'c', scopes: ['profiles:read'] });
      const token = await fetchToken(app, client.clientId, client.clientSecret);
      const whoami = () => send('GET', '/v1/whoami', undefined, token);
      assert.equal((await whoami()).statusCode, 200);
      const { credentialId } = (await whoami()).json();
      await writeFromAnotherProcess(database.url, 'revoke-credential', { tenant: root, id: credentialId });
      withinBound(await requestsUntil(async () => (await whoami()).statusCode === 401));
    });

    test('a user disabled by another process holds nothing', async () => {
      const { acting, user, allowed } = await holder();
      await writeFromAnotherProcess(database.url, 'disable-user', { tenant: acting, id: user.id });
      withinBound(await requestsUntil(async () => !(await allowed())));
    });

    test('a tenant disabled by another process holds nothing', async () => {
      const { tenant, allowed } = await holder();
      await writeFromAnotherProcess(database.url, 'disable-tenant', { tenant: root, id: tenant.id });
      withinBound(await requestsUntil(async () => !(await allowed())));
    });

    test('an assignment removed by another process grants nothing', async () => {
      const { acting, assignment, allowed } = await holder();
      await writeFromAnotherProcess(database.url, 'revoke-assignment', { tenant: acting, id: assignment.id });
      withinBound(await requestsUntil(async () => !(await allowed())));
    });
  });
}
