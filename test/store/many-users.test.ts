import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { assign } from '../../src/core/services/assignment.service.js';
import {
  assignedProfilesOfUsers,
  localProfilesHeld,
  localProfilesHeldByUsers,
} from '../../src/core/services/assigned-profiles.service.js';
import { createGroup } from '../../src/core/services/group.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { groupsOfUsers, lastLogins } from '../../src/core/services/user-listing.service.js';
import { forEachDatabase } from '../support/databases.js';

let counter = 0;
const uniqueCode = () => `M${process.pid}x${(counter += 1)}x${Math.random().toString(36).slice(2, 8)}`;

forEachDatabase('what many users hold, read for all of them at once', (db) => {
  /** A clock that moves a second per write, so assignments have an order of their own. */
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const ctx = (): CoreContext => ({ db: db().db, now: () => (clock += 1_000), actor: 'test' });

  const actingOf = (t: { id: string }, parent?: ActingTenant): ActingTenant => ({
    id: t.id,
    path: `${parent?.path ?? '/'}${t.id}/`,
  });

  /**
   * Tenant A with a child C, users u1 (two groups, two local profiles, one scoped below, one for
   * accessible tenants), u2 (a group, nothing held) and u3 (one local profile); tenant B with v1,
   * who holds the same kind of things in B.
   */
  async function fixture() {
    const a = actingOf(await createTenant(ctx(), wholeInstallation, { code: uniqueCode(), name: 'A' }));
    const c = actingOf(await createTenant(ctx(), a, { code: uniqueCode(), name: 'C' }), a);
    const b = actingOf(await createTenant(ctx(), wholeInstallation, { code: uniqueCode(), name: 'B' }));
    const user = async (tenant: ActingTenant) =>
      (await createUser(ctx(), tenant, { username: uniqueCode() })).id;
    const [u1, u2, u3, v1] = [await user(a), await user(a), await user(a), await user(b)];
    const beta = await createGroup(ctx(), a, { name: 'beta', memberIds: [u1, u2] });
    const alpha = await createGroup(ctx(), a, { name: 'alpha', memberIds: [u1] });
    await createGroup(ctx(), b, { name: 'alpha', memberIds: [v1] });
    const profile = async (tenant: ActingTenant, audience: 'tenant' | 'accessible-tenants') =>
      (await createProfile(ctx(), tenant, { name: uniqueCode(), audience })).id;
    const second = await profile(a, 'tenant');
    const first = await profile(a, 'tenant');
    const shared = await profile(a, 'accessible-tenants');
    const elsewhere = await profile(b, 'tenant');
    // Assigned in this order, so `first` is u1's oldest whatever the order of the profiles' ids.
    await assign(ctx(), a, { profileId: first, userId: u1 });
    await assign(ctx(), a, { profileId: second, userId: u1 });
    await assign(ctx(), a, { profileId: first, userId: u1, scopeTenantId: c.id });
    await assign(ctx(), a, { profileId: shared, userId: u1 });
    await assign(ctx(), a, { profileId: second, userId: u3 });
    await assign(ctx(), b, { profileId: elsewhere, userId: v1 });
    return { a, u1, u2, u3, v1, alpha, beta, first, second, shared };
  }

  const profileIds = (held: Map<string, { profile: { id: string } }[]>) =>
    Object.fromEntries([...held].map(([user, list]) => [user, list.map((h) => h.profile.id)]));
  const groupIds = (groups: Map<string, { id: string }[]>) =>
    Object.fromEntries([...groups].map(([user, list]) => [user, list.map((g) => g.id)]));

  test("each user's own groups and profiles, in order, and nothing of another tenant", async () => {
    const f = await fixture();
    const ids = [f.u1, f.u2, f.u3, f.v1];

    assert.deepEqual(groupIds(await groupsOfUsers(ctx(), f.a, ids)), {
      [f.u1]: [f.alpha.id, f.beta.id],
      [f.u2]: [f.beta.id],
    });
    const local = await localProfilesHeldByUsers(ctx(), f.a, ids);
    assert.deepEqual(profileIds(local), { [f.u1]: [f.first, f.second], [f.u3]: [f.second] });
    assert.deepEqual(local.get(f.u1), await localProfilesHeld(ctx(), f.a, f.u1));
    assert.ok(
      local.get(f.u1)!.every((h) => h.assignment.scopeTenantId === f.a.id && h.assignment.userId === f.u1),
    );
    assert.deepEqual(profileIds(await assignedProfilesOfUsers(ctx(), f.a, ids, 'accessible-tenants')), {
      [f.u1]: [f.shared],
    });
    assert.deepEqual(profileIds(await assignedProfilesOfUsers(ctx(), f.a, ids, 'tenant')), {
      [f.u1]: [f.first, f.second, f.first],
      [f.u3]: [f.second],
    });
    assert.equal((await groupsOfUsers(ctx(), f.a, [])).size, 0);
    assert.equal((await localProfilesHeldByUsers(ctx(), f.a, [])).size, 0);
  });

  test('more ids than a database binds in one query are read a chunk at a time', async () => {
    const f = await fixture();
    // 70 000 ids: more than SQLite (32 766) or PostgreSQL (65 535) binds in one statement, with
    // the users that hold something at the start, in the middle and at the very end.
    const ids: string[] = Array.from({ length: 70_000 }, () => randomUUID());
    ids[0] = f.u1;
    ids[35_000] = f.u2;
    ids[69_999] = f.u3;
    ids.push(f.u1);

    assert.deepEqual(groupIds(await groupsOfUsers(ctx(), f.a, ids)), {
      [f.u1]: [f.alpha.id, f.beta.id],
      [f.u2]: [f.beta.id],
    });
    assert.deepEqual(profileIds(await localProfilesHeldByUsers(ctx(), f.a, ids)), {
      [f.u1]: [f.first, f.second],
      [f.u3]: [f.second],
    });
    assert.equal((await lastLogins(ctx(), f.a, ids)).size, 0);
  });
});
