import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { as, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

const MISSING = '0190b7e4-0000-7000-8000-00000000dead';

forEachApp('bulk assign and revoke', (t) => {
  /** Each result as [userId, status, error code]. */
  const outcomes = (res: { json: () => any }) =>
    res.json().results.map((r: any) => [r.userId, r.status, r.error?.code]);

  test('per-user results: good users succeed, unknown ones fail with a reason', async () => {
    const tenant = await newTenant(t());
    const [a, b, profile] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
    ];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id, MISSING, b.id],
      validFrom: '2026-01-01T00:00:00Z',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.applied, true);
    assert.equal(body.succeeded, 2);
    assert.equal(body.failed, 1);
    assert.deepEqual(
      body.results.map((r: any) => [r.userId, r.status, r.error?.code]),
      [
        [a.id, 'created', undefined],
        [MISSING, 'failed', 'user.not_found'],
        [b.id, 'created', undefined],
      ],
    );
    const again = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id],
    });
    assert.equal(again.json().results[0].status, 'updated');
  });

  test('atomic: one failure and nothing is written', async () => {
    const tenant = await newTenant(t());
    const [a, profile] = [await newUser(t(), tenant), await newProfile(t(), tenant)];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id, MISSING],
      atomic: true,
    });
    const body = res.json();
    assert.equal(body.applied, false);
    assert.equal(body.succeeded, 0);
    assert.equal(body.results[1].error.code, 'user.not_found');
    const list = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(list.json().total, 0);
  });

  test('bulk revoke removes the profile per user and reports users without it; atomic, it removes nothing then', async () => {
    const tenant = await newTenant(t());
    const [a, b, profile] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
    ];
    await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', { profileId: profile.id, userIds: [a.id] });
    const atomic = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: profile.id,
      userIds: [a.id, b.id],
      atomic: true,
    });
    assert.deepEqual(outcomes(atomic), [
      [a.id, 'failed', 'precondition.failed'],
      [b.id, 'failed', 'assignment.not_found'],
    ]);
    const kept = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(kept.json().total, 1);
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: profile.id,
      userIds: [a.id, b.id],
    });
    const body = res.json();
    assert.deepEqual(
      body.results.map((r: any) => [r.status, r.error?.code]),
      [
        ['revoked', undefined],
        ['failed', 'assignment.not_found'],
      ],
    );
    const list = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(list.json().total, 0);
  });

  test('a window that ends before it starts fails the whole request', async () => {
    const tenant = await newTenant(t());
    const [a, profile] = [await newUser(t(), tenant), await newProfile(t(), tenant)];
    const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
      profileId: profile.id,
      userIds: [a.id],
      validFrom: '2026-02-01T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
    });
    assert.equal(res.statusCode, 400);
  });

  test('mixed ids keep their per-user results: unknown, of another tenant, of a tenant below, repeated, a bad scope', async () => {
    const tenant = await newTenant(t());
    const [below, elsewhere] = [await newTenant(t(), tenant), await newTenant(t())];
    const [a, b, profile, other] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
      await newProfile(t(), tenant),
    ];
    const [inBelow, inElsewhere] = [await newUser(t(), below), await newUser(t(), elsewhere)];
    const userIds = [a.id, MISSING, inElsewhere.id, inBelow.id, a.id, b.id];
    const bulk = (path: string, body: object) =>
      as(t(), tenant, 'POST', `/v1/assignments/${path}`, { profileId: profile.id, userIds, ...body });

    const assigned = await bulk('bulk-assign', {});
    assert.deepEqual(
      [assigned.json().applied, assigned.json().succeeded, assigned.json().failed],
      [true, 2, 3],
    );
    assert.deepEqual(outcomes(assigned), [
      [a.id, 'created', undefined],
      [MISSING, 'failed', 'user.not_found'],
      [inElsewhere.id, 'failed', 'user.not_found'],
      [inBelow.id, 'failed', 'user.not_found'],
      [b.id, 'created', undefined],
    ]);
    const atomic = await bulk('bulk-assign', { profileId: other.id, atomic: true });
    assert.deepEqual(outcomes(atomic), [
      [a.id, 'failed', 'precondition.failed'],
      [MISSING, 'failed', 'user.not_found'],
      [inElsewhere.id, 'failed', 'user.not_found'],
      [inBelow.id, 'failed', 'user.not_found'],
      [b.id, 'failed', 'precondition.failed'],
    ]);
    assert.match(atomic.json().results[0].error.message, /^not applied/);
    // A scope outside the acting subtree fails every user that exists, as a single assign would.
    const outside = await bulk('bulk-assign', { scopeTenantId: elsewhere.id });
    assert.equal(outside.json().applied, false);
    assert.deepEqual(
      outcomes(outside).map(([, , code]: string[]) => code),
      ['tenant.not_found', 'user.not_found', 'user.not_found', 'user.not_found', 'tenant.not_found'],
    );
    const scoped = await bulk('bulk-assign', { scopeTenantId: below.id, includeDescendants: true });
    assert.equal(scoped.json().succeeded, 2);
    const listed = await as(t(), tenant, 'GET', `/v1/users/${a.id}/assignments`);
    assert.deepEqual(
      listed.json().items.map((x: any) => [x.scopeTenantId, x.includeDescendants]),
      [
        [tenant.id, false],
        [below.id, true],
      ],
    );

    // Revoking in one scope leaves the other; in all scopes removes every one the user holds.
    const inScope = await bulk('bulk-revoke', { scopeTenantId: below.id });
    assert.deepEqual(
      inScope.json().results.map((r: any) => [r.status, r.assignmentIds.length]),
      [
        ['revoked', 1],
        ['failed', 0],
        ['failed', 0],
        ['failed', 0],
        ['revoked', 1],
      ],
    );
    const everywhere = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: profile.id,
      userIds: [b.id, a.id],
      atomic: true,
    });
    assert.deepEqual(outcomes(everywhere), [
      [b.id, 'revoked', undefined],
      [a.id, 'revoked', undefined],
    ]);
    const none = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: profile.id,
      userIds: [a.id],
    });
    assert.deepEqual(outcomes(none), [[a.id, 'failed', 'assignment.not_found']]);
  });

  /** The tenant's assignment events of one profile, oldest first, without what differs from write to write. */
  async function trailOfProfile(tenant: TenantRef, profileId: string) {
    const filter = encodeURIComponent('targetType eq "assignment"');
    const res = await as(t(), tenant, 'GET', `/v1/audit-events?filter=${filter}&sort=id&limit=200`);
    const image = (a: any) => {
      if (a === null) return null;
      const { id: _id, profileId: _profile, createdAt: _c, updatedAt: _u, ...rest } = a;
      return rest;
    };
    return res
      .json()
      .items.filter((e: any) => (e.after ?? e.before).profileId === profileId)
      .map(({ id: _id, at: _at, requestId: _r, targetId: _t, before, after, ...rest }: any) => ({
        ...rest,
        before: image(before),
        after: image(after),
      }));
  }

  test('a bulk leaves the trail that single writes of the same users leave, event for event', async () => {
    const tenant = await newTenant(t());
    const [a, b, bulkProfile, singleProfile] = [
      await newUser(t(), tenant),
      await newUser(t(), tenant),
      await newProfile(t(), tenant),
      await newProfile(t(), tenant),
    ];
    const users = [a.id, b.id];
    const windows = [
      { validFrom: '2026-01-01T00:00:00Z' },
      { validUntil: '2027-01-01T00:00:00Z', includeDescendants: true },
    ];
    const single: string[] = [];
    for (const window of windows) {
      const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
        profileId: bulkProfile.id,
        userIds: users,
        ...window,
      });
      assert.equal(res.json().succeeded, 2, res.body);
      for (const userId of users) {
        const one = await as(t(), tenant, 'POST', '/v1/assignments', {
          profileId: singleProfile.id,
          userId,
          ...window,
        });
        assert.ok([200, 201].includes(one.statusCode), one.body);
        single.push(one.json().id);
      }
    }
    await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
      profileId: bulkProfile.id,
      userIds: users,
    });
    for (const id of single.slice(2)) {
      assert.equal((await as(t(), tenant, 'DELETE', `/v1/assignments/${id}`)).statusCode, 204);
    }
    const bulkTrail = await trailOfProfile(tenant, bulkProfile.id);
    assert.deepEqual(
      bulkTrail.map((e: any) => [e.action, (e.after ?? e.before).userId]),
      [
        ['assignment.create', a.id],
        ['assignment.create', b.id],
        ['assignment.update', a.id],
        ['assignment.update', b.id],
        ['assignment.delete', a.id],
        ['assignment.delete', b.id],
      ],
    );
    assert.deepEqual(bulkTrail, await trailOfProfile(tenant, singleProfile.id));
  });
});
