import assert from 'node:assert/strict';
import { test } from 'node:test';
import { revokeCredential } from '../../src/auth/credential.service.js';
import { updateUser } from '../../src/core/services/user.service.js';
import { forEachApp, type TestApp } from '../support/app.js';
import { actingOf, as, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

/**
 * The hot path answers from memory (credentials, acting tenants, users, tenant reach, grants,
 * profiles): every acknowledged write, through any route or straight through the core services
 * (as the CLI and the vendor APIs write), must show on the very next request. Each test asks
 * twice first, so that the answer is in the cache when the write lands.
 */
forEachApp('read cache', (t) => {
  const check = (tenant: TenantRef, userId: string, capability = 'Security') =>
    as(t(), tenant, 'POST', '/v1/access/check', { user: userId, capability, level: 'Read' });
  const allowed = async (tenant: TenantRef, userId: string, capability?: string) => {
    const answer = await check(tenant, userId, capability);
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json().allowed as boolean;
  };
  const warm = async (tenant: TenantRef, userId: string) => {
    assert.equal(await allowed(tenant, userId), true);
    assert.equal(await allowed(tenant, userId), true);
  };

  async function assigned() {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant, {
      capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
    });
    const assignment = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
    });
    assert.equal(assignment.statusCode, 201, assignment.body);
    return { tenant, user, profile, assignment: assignment.json() };
  }

  const hits = (app: TestApp) => app.auth.reads?.stats().hits ?? 0;

  test('a repeated check is answered from the cache', async () => {
    const { tenant, user } = await assigned();
    await allowed(tenant, user.id);
    const before = hits(t());
    await allowed(tenant, user.id);
    assert.ok(hits(t()) > before, 'the second check read nothing from the database');
  });

  test('a write to tables an answer does not come from leaves it cached', async () => {
    const { tenant, user } = await assigned();
    await warm(tenant, user.id);
    const group = await as(t(), tenant, 'POST', '/v1/groups', { name: 'unrelated' });
    assert.equal(group.statusCode, 201, group.body);
    const misses = t().auth.reads!.stats().misses;
    assert.equal(await allowed(tenant, user.id), true);
    assert.equal(t().auth.reads!.stats().misses, misses, 'a new group changes no credential, user or grant');
  });

  test('a bulk assign and a bulk revoke show on the next request', async () => {
    const tenant = await newTenant(t());
    const users = [await newUser(t(), tenant), await newUser(t(), tenant)];
    const profile = await newProfile(t(), tenant, {
      capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
    });
    for (const user of users) {
      assert.equal(await allowed(tenant, user.id), false);
      assert.equal(await allowed(tenant, user.id), false);
    }
    const body = { profileId: profile.id, userIds: users.map((u) => u.id) };
    const assignedAll = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', body);
    assert.equal(assignedAll.statusCode, 200, assignedAll.body);
    for (const user of users) assert.equal(await allowed(tenant, user.id), true);
    const revokedAll = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', body);
    assert.equal(revokedAll.statusCode, 200, revokedAll.body);
    for (const user of users) assert.equal(await allowed(tenant, user.id), false);
  });

  test("another user's assignment leaves a user's grants cached; the user's own shows at once", async () => {
    const { tenant, user, profile } = await assigned();
    const other = await newUser(t(), tenant);
    await warm(tenant, user.id);
    assert.equal(await allowed(tenant, other.id), false);
    const misses = () => t().auth.reads!.stats().misses;
    const stillCached = async (what: string) => {
      const before = misses();
      assert.equal(await allowed(tenant, user.id), true);
      assert.equal(misses(), before, `${what}: the first user's grants were read again`);
    };
    const assignOther = () =>
      as(t(), tenant, 'POST', '/v1/assignments', { profileId: profile.id, userId: other.id });
    const made = await assignOther();
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id as string;
    const ended = { validUntil: new Date(Date.now() - 1000).toISOString() };
    const steps: [string, () => Promise<{ statusCode: number; body: string }>, number, boolean][] = [
      ['a changed window', () => as(t(), tenant, 'PATCH', `/v1/assignments/${id}`, ended), 200, false],
      ['a re-assign (a new window)', assignOther, 200, true],
      ['a removed assignment', () => as(t(), tenant, 'DELETE', `/v1/assignments/${id}`), 204, false],
    ];
    assert.equal(await allowed(tenant, other.id), true, 'a new assignment shows on the next request');
    await stillCached('a new assignment of another user');
    for (const [what, write, status, holds] of steps) {
      const answer = await write();
      assert.equal(answer.statusCode, status, answer.body);
      assert.equal(await allowed(tenant, other.id), holds, `${what} shows on the next request`);
      await stillCached(`${what} of another user`);
    }
  });

  test('revoking the assignment denies on the next request', async () => {
    const { tenant, user, assignment } = await assigned();
    await warm(tenant, user.id);
    const revoked = await as(t(), tenant, 'DELETE', `/v1/assignments/${assignment.id}`);
    assert.equal(revoked.statusCode, 204, revoked.body);
    assert.equal(await allowed(tenant, user.id), false);
  });

  test('a holder whose assignment is removed is gone from the next page of holders', async () => {
    const { tenant, user, assignment } = await assigned();
    const holders = async () => {
      const page = await as(
        t(),
        tenant,
        'GET',
        `/v1/capabilities/Security/holders?tenant=${tenant.code}&level=Read`,
      );
      assert.equal(page.statusCode, 200, page.body);
      return page.json().items.map((h: { userId: string }) => h.userId) as string[];
    };
    assert.deepEqual(await holders(), [user.id]);
    assert.deepEqual(await holders(), [user.id]);
    await as(t(), tenant, 'DELETE', `/v1/assignments/${assignment.id}`);
    assert.deepEqual(await holders(), []);
  });

  test("changing the profile's grants shows in the next check and the next read of it", async () => {
    const { tenant, user, profile } = await assigned();
    await warm(tenant, user.id);
    const read = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}`);
    const changed = await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, {
      capabilities: [{ capability: 'Data', accessLevel: 'Read', viewLevel: 'Simple' }],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(await allowed(tenant, user.id), false);
    assert.equal(await allowed(tenant, user.id, 'Data'), true);
    const reread = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}`);
    assert.notEqual(reread.headers.etag, read.headers.etag);
    assert.deepEqual(
      reread.json().capabilities.map((c: { capability: string }) => c.capability),
      ['Data'],
    );
  });

  test('disabling the profile, the user or the tenant denies on the next request', async () => {
    type Setup = Awaited<ReturnType<typeof assigned>>;
    const writes: [string, (s: Setup) => ReturnType<typeof as>][] = [
      ['profile', (s) => as(t(), s.tenant, 'PATCH', `/v1/profiles/${s.profile.id}`, { enabled: false })],
      ['user', (s) => as(t(), s.tenant, 'PATCH', `/v1/users/${s.user.id}`, { enabled: false })],
      [
        'tenant',
        (s) =>
          t().request({ method: 'PATCH', url: `/v1/tenants/${s.tenant.id}`, payload: { enabled: false } }),
      ],
    ];
    for (const [what, write] of writes) {
      const setup = await assigned();
      await warm(setup.tenant, setup.user.id);
      const written = await write(setup);
      assert.equal(written.statusCode, 200, written.body);
      const after = await check(setup.tenant, setup.user.id);
      // A disabled tenant holds nothing; acting from it is still allowed for the root's client.
      assert.equal(after.statusCode, 200, after.body);
      assert.equal(after.json().allowed, false, `after disabling the ${what}`);
    }
  });

  test('a write straight through the core services (as the CLI and vendor APIs write) shows too', async () => {
    const { tenant, user } = await assigned();
    await warm(tenant, user.id);
    await updateUser(t().ctx, actingOf(t(), tenant), user.id, { enabled: false });
    assert.equal(await allowed(tenant, user.id), false);
  });

  test('made-up keys are not kept: they cannot push real credentials out', async () => {
    const entries = t().auth.reads!.stats().entries;
    for (let i = 0; i < 5; i += 1) {
      const made = await t().request({
        method: 'GET',
        url: '/v1/whoami',
        headers: { 'x-api-key': `pk_${'0'.repeat(15)}${i}_${'A'.repeat(43)}` },
      });
      assert.equal(made.statusCode, 401);
    }
    assert.equal(t().auth.reads!.stats().entries, entries);
  });

  test('a revoked credential is refused on its next request', async () => {
    const token = await t().tokenFor(['profiles:read']);
    const whoami = () =>
      t().request({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });
    const first = await whoami();
    assert.equal(first.statusCode, 200, first.body);
    assert.equal((await whoami()).statusCode, 200);
    await revokeCredential(t().ctx, t().root, 'oauth_client', first.json().credentialId);
    assert.equal((await whoami()).statusCode, 401);
  });

  test('a token whose claims were verified before is still refused once it has expired', async () => {
    const token = await t().tokenFor(['profiles:read']);
    const whoami = () =>
      t().request({ method: 'GET', url: '/v1/whoami', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await whoami()).statusCode, 200);
    const claims = t().auth.verifiedTokens.get(token);
    assert.ok(claims, 'the verified token is kept');
    // The kept claims say when it expires: pretend that time has come.
    t().auth.verifiedTokens.set(token, { ...claims, expiresAt: Date.now() - 1 });
    const expired = await whoami();
    assert.equal(expired.statusCode, 200, 'the signature is checked again, and its real expiry holds');
    t().auth.verifiedTokens.set(token, { ...claims, credentialId: 'forged' });
    assert.equal((await whoami()).statusCode, 401, 'what is kept is what is used: no database read hides it');
  });

  test('a window that opens later is closed now and open at its instant, from one cached read', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant, {
      capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
    });
    const opens = new Date(Date.now() + 3_600_000).toISOString();
    const made = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      validFrom: opens,
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(await allowed(tenant, user.id), false);
    const later = await as(t(), tenant, 'POST', '/v1/access/check', {
      user: user.id,
      capability: 'Security',
      level: 'Read',
      at: opens,
    });
    assert.equal(later.json().allowed, true, later.body);
    assert.equal(await allowed(tenant, user.id), false);
  });

  test('a transaction that rolls back leaves the answers as they were', async () => {
    const { tenant, user } = await assigned();
    await warm(tenant, user.id);
    await assert.rejects(
      t()
        .ctx.db.transaction()
        .execute(async (trx) => {
          await updateUser({ ...t().ctx, db: trx }, actingOf(t(), tenant), user.id, { enabled: false });
          throw new Error('changed my mind');
        }),
      /changed my mind/,
    );
    assert.equal(await allowed(tenant, user.id), true);
  });
});
