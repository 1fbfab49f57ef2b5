import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/core/services/user.service.js';
import { inTransaction } from '../../src/core/transaction.js';
import { forEachApp, unique, type Answer, type TestApp } from '../support/app.js';
import { actingOf, as, newProfile, newTenant, type TenantRef } from '../support/fixtures.js';

const MANY = 10_000;
const MISSING = '0190b7e4-0000-7000-8000-00000000dead';

/** Every audit event of one request, oldest first, read page by page as a client would. */
async function trailOf(t: TestApp, tenant: TenantRef, answer: Answer): Promise<any[]> {
  const filter = encodeURIComponent(`requestId eq "${String(answer.headers['x-request-id'])}"`);
  const events: any[] = [];
  let cursor = '';
  do {
    const res = await as(t, tenant, 'GET', `/v1/audit-events?filter=${filter}&sort=id&limit=200${cursor}`);
    assert.equal(res.statusCode, 200, res.body);
    events.push(...res.json().items);
    cursor = res.json().nextCursor ? `&cursor=${res.json().nextCursor}` : '';
  } while (cursor);
  return events;
}

const assignmentCount = async (t: TestApp, tenant: TenantRef, profileId: string) =>
  (await as(t, tenant, 'GET', `/v1/profiles/${profileId}/assignments?count=true&limit=1`)).json()
    .total as number;

// Production's body limit (BODY_LIMIT_BYTES): 10,000 ids are about 400 kB of JSON.
forEachApp(
  `bulk assign and revoke of ${MANY} users in one request`,
  (t) => {
    let fixture: Promise<{ tenant: TenantRef; userIds: string[] }> | undefined;
    /** One tenant with 10,000 users, made once for the suite (its tests use profiles of their own). */
    const manyUsers = () =>
      (fixture ??= (async () => {
        const tenant = await newTenant(t());
        const acting = actingOf(t(), tenant);
        const userIds = await inTransaction(t().ctx, async (tx) => {
          const ids: string[] = [];
          for (let i = 0; i < MANY; i += 1)
            ids.push((await createUser(tx, acting, { username: unique('u') })).id);
          return ids;
        });
        return { tenant, userIds };
      })());

    /** Checks the event of each user's assignment: the request's own, one per user, in the users' order. */
    function checkTrail(
      events: any[],
      tenant: TenantRef,
      answer: Answer,
      action: string,
      check: (event: any, result: any) => void,
    ) {
      const results = answer.json().results;
      assert.equal(events.length, results.length, 'one event per user');
      events.forEach((event, i) => {
        const result = results[i];
        assert.equal(event.action, action);
        assert.equal(event.targetType, 'assignment');
        assert.equal(event.targetId, result.assignmentIds[0]);
        assert.equal((event.after ?? event.before).userId, result.userId);
        assert.equal(event.tenantId, tenant.id);
        assert.equal(event.source, 'native');
        assert.match(event.actor, /^client:/);
        assert.ok(event.credentialId);
        check(event, result);
      });
      assert.equal(new Set(events.map((e) => e.targetId)).size, results.length, 'no assignment twice');
    }

    test('atomic: a result per user, every assignment created, and exactly one audit event each', async () => {
      const { tenant, userIds } = await manyUsers();
      const profile = await newProfile(t(), tenant);
      const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
        profileId: profile.id,
        userIds,
        validFrom: '2026-01-01T00:00:00Z',
        atomic: true,
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const body = res.json();
      assert.deepEqual([body.applied, body.succeeded, body.failed], [true, MANY, 0]);
      assert.deepEqual(
        body.results.map((r: any) => r.userId),
        userIds,
      );
      assert.ok(body.results.every((r: any) => r.status === 'created' && r.assignmentIds.length === 1));
      assert.equal(await assignmentCount(t(), tenant, profile.id), MANY);
      checkTrail(await trailOf(t(), tenant, res), tenant, res, 'assignment.create', (event) => {
        assert.equal(event.before, null);
        assert.equal(event.after.profileId, profile.id);
        assert.equal(event.after.scopeTenantId, tenant.id);
        assert.equal(event.after.validFrom, Date.parse('2026-01-01T00:00:00Z'));
        assert.equal(event.after.version, 1);
      });
    });

    test('not atomic: created, then re-assigned (updated, next version), then revoked, each with its trail', async () => {
      const { tenant, userIds } = await manyUsers();
      const profile = await newProfile(t(), tenant);
      const send = (path: string, extra: object) =>
        as(t(), tenant, 'POST', path, { profileId: profile.id, userIds, ...extra });
      const created = await send('/v1/assignments/bulk-assign', {});
      assert.equal(created.statusCode, 200, created.body.slice(0, 500));
      assert.deepEqual([created.json().applied, created.json().succeeded], [true, MANY]);
      assert.equal((await trailOf(t(), tenant, created)).length, MANY);

      const again = await send('/v1/assignments/bulk-assign', { validUntil: '2027-01-01T00:00:00Z' });
      assert.equal(again.statusCode, 200, again.body.slice(0, 500));
      assert.ok(again.json().results.every((r: any) => r.status === 'updated'));
      assert.deepEqual(
        again.json().results.map((r: any) => r.assignmentIds),
        created.json().results.map((r: any) => r.assignmentIds),
        're-assigning keeps each user’s assignment',
      );
      assert.equal(await assignmentCount(t(), tenant, profile.id), MANY);
      checkTrail(await trailOf(t(), tenant, again), tenant, again, 'assignment.update', (event) => {
        assert.deepEqual([event.before.version, event.after.version], [1, 2]);
        assert.deepEqual(
          [event.before.validUntil, event.after.validUntil],
          [null, Date.parse('2027-01-01T00:00:00Z')],
        );
      });

      const revoked = await send('/v1/assignments/bulk-revoke', {});
      assert.equal(revoked.statusCode, 200, revoked.body.slice(0, 500));
      assert.deepEqual([revoked.json().applied, revoked.json().succeeded], [true, MANY]);
      assert.ok(revoked.json().results.every((r: any) => r.status === 'revoked'));
      assert.equal(await assignmentCount(t(), tenant, profile.id), 0);
      checkTrail(await trailOf(t(), tenant, revoked), tenant, revoked, 'assignment.delete', (event) => {
        assert.equal(event.after, null);
        assert.equal(event.before.version, 2);
      });
    });

    test('atomic with one unknown id among them: every failure reported, nothing written, no event', async () => {
      const { tenant, userIds } = await manyUsers();
      const profile = await newProfile(t(), tenant);
      const ids = [...userIds.slice(0, MANY / 2), MISSING, ...userIds.slice(MANY / 2 + 1)];
      const res = await as(t(), tenant, 'POST', '/v1/assignments/bulk-assign', {
        profileId: profile.id,
        userIds: ids,
        atomic: true,
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      const body = res.json();
      assert.deepEqual([body.applied, body.succeeded, body.failed], [false, 0, MANY]);
      body.results.forEach((r: any, i: number) => {
        assert.equal(r.userId, ids[i]);
        assert.equal(r.status, 'failed');
        assert.equal(r.error.code, r.userId === MISSING ? 'user.not_found' : 'precondition.failed');
      });
      assert.equal(await assignmentCount(t(), tenant, profile.id), 0);
      assert.deepEqual(await trailOf(t(), tenant, res), []);

      const revoke = await as(t(), tenant, 'POST', '/v1/assignments/bulk-revoke', {
        profileId: profile.id,
        userIds,
        atomic: true,
      });
      assert.deepEqual([revoke.json().applied, revoke.json().failed], [false, MANY]);
      assert.ok(revoke.json().results.every((r: any) => r.error.code === 'assignment.not_found'));
    });

    test(`more than ${MANY} ids is a 400, and nothing is written`, async () => {
      const { tenant, userIds } = await manyUsers();
      const profile = await newProfile(t(), tenant);
      for (const path of ['/v1/assignments/bulk-assign', '/v1/assignments/bulk-revoke']) {
        const res = await as(t(), tenant, 'POST', path, {
          profileId: profile.id,
          userIds: [...userIds, MISSING],
        });
        assert.equal(res.statusCode, 400, res.body.slice(0, 500));
        assert.equal(res.json().code, 'validation.failed');
      }
      assert.equal(await assignmentCount(t(), tenant, profile.id), 0);
    });
  },
  { bodyLimitBytes: 1_048_576 },
);
