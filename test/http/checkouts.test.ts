import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Scope } from '../../src/auth/scopes.js';
import { forEachApp, type Answer, type TestApp } from '../support/app.js';
import { as, create, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

const PASSWORD = 'Check-Out-Pass-42';
const own: Scope[] = ['profiles:read', 'access:check'];
const grant = { capability: 'Reports', accessLevel: 'Write', viewLevel: 'Detailed' };

interface SignedIn {
  user: { id: string };
  token: string;
}

/** A new user of the tenant, signed in with a session of these scopes. */
async function signedIn(t: TestApp, tenant: TenantRef, scopes: Scope[] = own): Promise<SignedIn> {
  const user = await newUser(t, tenant);
  const set = await as(t, tenant, 'PUT', `/v1/users/${user.id}/password`, { password: PASSWORD, scopes });
  assert.equal(set.statusCode, 200, set.body);
  const session = await t.request({
    method: 'POST',
    url: '/v1/sessions',
    payload: { tenant: tenant.code, username: user.username, password: PASSWORD },
  });
  assert.equal(session.statusCode, 201, session.body);
  return { user, token: session.json().token };
}

const asUser = (t: TestApp, who: SignedIn, method: 'GET' | 'POST', url: string): Promise<Answer> =>
  t.request({ method, url, headers: { authorization: `Bearer ${who.token}` } });

const allowing = (...members: { id: string; memberType: string }[]) => ({
  id: 'allow',
  name: 'Allowed',
  members,
});
const userMember = (who: SignedIn) => ({ id: who.user.id, memberType: 'User' });

/** A profile granting Reports, with these policies and check-out settings. */
const checkoutProfile = (t: TestApp, tenant: TenantRef, policies: object[], checkout: object = {}) =>
  newProfile(t, tenant, { capabilities: [grant], policies, checkout });

const checkOut = (t: TestApp, who: SignedIn, profileId: string) =>
  asUser(t, who, 'POST', `/v1/profiles/${profileId}/checkouts`);

function refused(answer: Answer, status: number, code: string, detail?: RegExp): void {
  assert.equal(answer.statusCode, status, answer.body);
  assert.equal(answer.json().code, code, answer.body);
  if (detail) assert.match(answer.json().detail, detail);
}

async function mayReport(t: TestApp, tenant: TenantRef, userId: string): Promise<boolean> {
  const check = await as(t, tenant, 'POST', '/v1/access/check', {
    user: userId,
    capability: 'Reports',
    level: 'Write',
  });
  assert.equal(check.statusCode, 200, check.body);
  const access = await as(t, tenant, 'GET', `/v1/users/${userId}/access`);
  assert.equal(access.statusCode, 200, access.body);
  const listed = access.json().capabilities.some((c: { capability: string }) => c.capability === 'Reports');
  assert.equal(listed, check.json().allowed, 'effective access and the access check agree');
  return check.json().allowed;
}

forEachApp('check-outs of profiles', (t) => {
  test('a User member checks out: a live assignment, in effective access at once, gone at check-in', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], {
      durationMs: 3_600_000,
    });
    // Read (and cached) before: the check-out must show all the same.
    assert.equal(await mayReport(t(), tenant, alice.user.id), false);

    const made = await checkOut(t(), alice, profile.id);
    assert.equal(made.statusCode, 201, made.body);
    const checkout = made.json();
    assert.equal(made.headers.location, `/v1/profiles/${profile.id}/checkouts/${checkout.id}`);
    assert.equal(checkout.userId, alice.user.id);
    assert.equal(checkout.status, 'checkedOut');
    assert.equal(checkout.policyId, 'allow');
    assert.equal(checkout.extensionsUsed, 0);
    assert.equal(Date.parse(checkout.expiresAt) - Date.parse(checkout.checkedOutAt), 3_600_000);
    assert.equal(await mayReport(t(), tenant, alice.user.id), true);
    const assignment = (await as(t(), tenant, 'GET', `/v1/assignments/${checkout.assignmentId}`)).json();
    assert.equal(assignment.validFrom, checkout.checkedOutAt);
    assert.equal(assignment.validUntil, checkout.expiresAt);
    assert.equal(assignment.scopeTenantId, tenant.id);

    const checkedIn = await asUser(
      t(),
      alice,
      'POST',
      `/v1/profiles/${profile.id}/checkouts/${checkout.id}/checkin`,
    );
    assert.equal(checkedIn.statusCode, 200, checkedIn.body);
    assert.equal(checkedIn.json().status, 'checkedIn');
    assert.equal(await mayReport(t(), tenant, alice.user.id), false);
    const ended = (await as(t(), tenant, 'GET', `/v1/assignments/${checkout.assignmentId}`)).json();
    assert.equal(ended.validUntil, checkedIn.json().checkedInAt);
    refused(
      await asUser(t(), alice, 'POST', `/v1/profiles/${profile.id}/checkouts/${checkout.id}/checkin`),
      409,
      'checkout.ended',
      /checked in/,
    );

    const again = await checkOut(t(), alice, profile.id);
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().assignmentId, checkout.assignmentId, "the user's ended assignment is reused");
    assert.equal(await mayReport(t(), tenant, alice.user.id), true);
  });

  test('the duration defaults to 15 minutes', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    for (const durationMs of [null, 0]) {
      const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], { durationMs });
      const made = (await checkOut(t(), alice, profile.id)).json();
      assert.equal(Date.parse(made.expiresAt) - Date.parse(made.checkedOutAt), 15 * 60_000);
    }
  });

  test('a Tag member names a group: its members may, others may not', async () => {
    const tenant = await newTenant(t());
    const [member, outsider] = [await signedIn(t(), tenant), await signedIn(t(), tenant)];
    const group = await create(t(), tenant, '/v1/groups', { name: 'on-call', memberIds: [member.user.id] });
    const profile = await checkoutProfile(t(), tenant, [allowing({ id: group.id, memberType: 'Tag' })]);
    assert.equal((await checkOut(t(), member, profile.id)).statusCode, 201);
    refused(await checkOut(t(), outsider, profile.id), 403, 'checkout.not_allowed', /no active policy/);
  });

  test('a matching Deny refuses, whatever the order, unless policy ordering puts an Allow first', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const group = await create(t(), tenant, '/v1/groups', {
      name: 'contractors',
      memberIds: [alice.user.id],
    });
    const allow = allowing(userMember(alice));
    const deny = {
      id: 'deny',
      name: 'No contractors',
      accessType: 'Deny',
      members: [{ id: group.id, memberType: 'Tag' }],
    };
    const unordered = await checkoutProfile(t(), tenant, [allow, deny]);
    refused(
      await checkOut(t(), alice, unordered.id),
      403,
      'checkout.not_allowed',
      /"No contractors" \(deny\).*denies/,
    );

    const allowFirst = await checkoutProfile(t(), tenant, [allow, deny], { policyOrderingEnabled: true });
    const made = await checkOut(t(), alice, allowFirst.id);
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().policyId, 'allow');

    const denyFirst = await checkoutProfile(t(), tenant, [deny, allow], { policyOrderingEnabled: true });
    refused(await checkOut(t(), alice, denyFirst.id), 403, 'checkout.not_allowed', /first that matches/);
  });

  test('inactive and draft policies count for nothing, Allow or Deny', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const me = [userMember(alice)];
    for (const off of [{ isActive: false }, { isDraft: true }]) {
      const idle = await checkoutProfile(t(), tenant, [{ ...allowing(...me), ...off }]);
      refused(await checkOut(t(), alice, idle.id), 403, 'checkout.not_allowed');
      const idleDeny = { id: 'deny', name: 'Deny', accessType: 'Deny', members: me, ...off };
      const allowed = await checkoutProfile(t(), tenant, [idleDeny, allowing(...me)], {
        policyOrderingEnabled: true,
      });
      assert.equal((await checkOut(t(), alice, allowed.id)).statusCode, 201);
    }
  });

  test("a policy's time window counts only while it holds; a condition profiled cannot judge never allows", async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const hour = 3_600_000;
    const at = (offset: number) => new Date(Date.now() + offset).toISOString();
    const withCondition = (condition: object) =>
      checkoutProfile(t(), tenant, [{ ...allowing(userMember(alice)), condition }]);
    const cases: [object, number][] = [
      [{ timeToActivate: at(-hour), timeToExpire: at(hour) }, 201],
      [{ timeToActivate: at(hour) }, 403],
      [{ timeToExpire: at(-hour) }, 403],
      [{ timeOfAccess: { timeToActivate: at(-hour), timeToExpire: at(hour) } }, 201],
      [{ timeOfAccess: { timeToExpire: at(-hour) } }, 403],
      [{ approval: { approvers: ['someone'] } }, 403],
      [{ timeToActivate: 'next week' }, 403],
      [{ approval: null, ipAddress: '' }, 201],
    ];
    for (const [condition, status] of cases) {
      const answer = await checkOut(t(), alice, (await withCondition(condition)).id);
      assert.equal(answer.statusCode, status, `${JSON.stringify(condition)}: ${answer.body}`);
    }
    const unjudged = {
      id: 'deny',
      name: 'Deny',
      accessType: 'Deny',
      members: [userMember(alice)],
      condition: { ipAddress: '10.0.0.0/8' },
    };
    const denied = await checkoutProfile(t(), tenant, [unjudged, allowing(userMember(alice))]);
    refused(await checkOut(t(), alice, denied.id), 403, 'checkout.not_allowed', /denies/);
  });

  test('refused: a credential acting as no user (400), a disabled profile, a user of another tenant, a disabled holder', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], { extendable: true });
    refused(
      await as(t(), tenant, 'POST', `/v1/profiles/${profile.id}/checkouts`),
      400,
      'checkout.user_required',
      /acts as no user/,
    );
    const disabled = await checkoutProfile(t(), tenant, [allowing(userMember(alice))]);
    await as(t(), tenant, 'PATCH', `/v1/profiles/${disabled.id}`, { enabled: false });
    refused(await checkOut(t(), alice, disabled.id), 403, 'checkout.not_allowed', /disabled/);

    const child = await newTenant(t(), tenant);
    const below = await checkoutProfile(t(), child, [allowing(userMember(alice))]);
    const fromChild = await t().request({
      method: 'POST',
      url: `/v1/profiles/${below.id}/checkouts`,
      headers: { authorization: `Bearer ${alice.token}`, 'target-tenant': child.code },
    });
    refused(fromChild, 403, 'checkout.not_allowed', /not a user of the tenant acted from/);

    const held = (await checkOut(t(), alice, profile.id)).json();
    await as(t(), tenant, 'PATCH', `/v1/users/${alice.user.id}`, { enabled: false });
    const extended = await as(t(), tenant, 'POST', `/v1/profiles/${profile.id}/checkouts/${held.id}/extend`);
    refused(extended, 403, 'checkout.not_allowed', /user .* is disabled/);
  });

  test('a second hold is 409: the same user again, anyone else on an exclusive profile, an assignment', async () => {
    const tenant = await newTenant(t());
    const [alice, bob] = [await signedIn(t(), tenant), await signedIn(t(), tenant)];
    const both = allowing(userMember(alice), userMember(bob));
    const shared = await checkoutProfile(t(), tenant, [both]);
    const first = (await checkOut(t(), alice, shared.id)).json();
    refused(await checkOut(t(), alice, shared.id), 409, 'checkout.already_held', new RegExp(first.id));
    assert.equal((await checkOut(t(), bob, shared.id)).statusCode, 201, 'not exclusive: two holders');

    const exclusive = await checkoutProfile(t(), tenant, [both], { exclusive: true });
    const held = (await checkOut(t(), alice, exclusive.id)).json();
    refused(await checkOut(t(), bob, exclusive.id), 409, 'checkout.held_by_another', /exclusively/);
    await asUser(t(), alice, 'POST', `/v1/profiles/${exclusive.id}/checkouts/${held.id}/checkin`);
    assert.equal((await checkOut(t(), bob, exclusive.id)).statusCode, 201, 'free again after the check-in');

    const assigned = await checkoutProfile(t(), tenant, [both]);
    await as(t(), tenant, 'POST', '/v1/assignments', { profileId: assigned.id, userId: alice.user.id });
    refused(await checkOut(t(), alice, assigned.id), 409, 'checkout.already_held', /assigned/);
  });

  test('concurrent check-outs of an exclusive profile: exactly one wins, the others are 409', async () => {
    const tenant = await newTenant(t());
    const users = await Promise.all(Array.from({ length: 6 }, () => signedIn(t(), tenant)));
    const profile = await checkoutProfile(t(), tenant, [allowing(...users.map(userMember))], {
      exclusive: true,
    });
    const answers = await Promise.all(users.map((u) => checkOut(t(), u, profile.id)));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409], answers.map((a) => a.body).join('\n'));
    for (const lost of answers.filter((a) => a.statusCode === 409)) {
      assert.equal(lost.json().code, 'checkout.held_by_another');
    }
    const listed = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/checkouts?count=true`);
    assert.equal(listed.json().total, 1);
    const holders = await Promise.all(users.map((u) => mayReport(t(), tenant, u.user.id)));
    assert.equal(holders.filter(Boolean).length, 1);
  });

  test('concurrent check-outs by one user: one check-out, one assignment', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => checkOut(t(), alice, profile.id)));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409], answers.map((a) => a.body).join('\n'));
    const assignments = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}/assignments?count=true`);
    assert.equal(assignments.json().total, 1);
  });

  test('extensions move the end up to the limit; the rules are named', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const settings = {
      durationMs: 600_000,
      extendable: true,
      extensionDurationMs: 60_000,
      extensionLimit: 2,
    };
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], settings);
    const made = (await checkOut(t(), alice, profile.id)).json();
    const extend = () => asUser(t(), alice, 'POST', `/v1/profiles/${profile.id}/checkouts/${made.id}/extend`);
    for (const n of [1, 2]) {
      const extended = await extend();
      assert.equal(extended.statusCode, 200, extended.body);
      assert.equal(extended.json().extensionsUsed, n);
      assert.equal(Date.parse(extended.json().expiresAt), Date.parse(made.expiresAt) + n * 60_000);
      const assignment = (await as(t(), tenant, 'GET', `/v1/assignments/${made.assignmentId}`)).json();
      assert.equal(assignment.validUntil, extended.json().expiresAt);
    }
    refused(await extend(), 409, 'checkout.extension_limit', /extended 2 times/);

    const fixed = await checkoutProfile(t(), tenant, [allowing(userMember(alice))]);
    const held = (await checkOut(t(), alice, fixed.id)).json();
    refused(
      await asUser(t(), alice, 'POST', `/v1/profiles/${fixed.id}/checkouts/${held.id}/extend`),
      409,
      'checkout.not_extendable',
      /extendable is false/,
    );

    const unlimited = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], {
      durationMs: 1000,
      extendable: true,
    });
    const open = (await checkOut(t(), alice, unlimited.id)).json();
    const once = await asUser(t(), alice, 'POST', `/v1/profiles/${unlimited.id}/checkouts/${open.id}/extend`);
    assert.equal(
      Date.parse(once.json().expiresAt),
      Date.parse(open.expiresAt) + 1000,
      'no extension duration: the duration',
    );
  });

  test('an expired check-out cannot be extended or checked in, and its holder may check out again', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], {
      durationMs: 1,
      extendable: true,
    });
    const made = (await checkOut(t(), alice, profile.id)).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const verb of ['extend', 'checkin']) {
      refused(
        await asUser(t(), alice, 'POST', `/v1/profiles/${profile.id}/checkouts/${made.id}/${verb}`),
        409,
        'checkout.ended',
        /expired/,
      );
    }
    const seen = await asUser(t(), alice, 'GET', `/v1/profiles/${profile.id}/checkouts/${made.id}`);
    assert.equal(seen.json().status, 'expired');
    assert.equal((await checkOut(t(), alice, profile.id)).statusCode, 201);
  });

  test("another user's check-out: unseen without assignments:read, not changed without assignments:write", async () => {
    const tenant = await newTenant(t());
    const [alice, bob] = [await signedIn(t(), tenant), await signedIn(t(), tenant)];
    const reader = await signedIn(t(), tenant, [...own, 'assignments:read']);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice), userMember(bob))], {
      extendable: true,
    });
    const held = (await checkOut(t(), alice, profile.id)).json();
    await checkOut(t(), bob, profile.id);
    const url = `/v1/profiles/${profile.id}/checkouts/${held.id}`;

    refused(await asUser(t(), bob, 'GET', url), 404, 'checkout.not_found');
    refused(await asUser(t(), bob, 'POST', `${url}/extend`), 404, 'checkout.not_found');
    const bobs = (await asUser(t(), bob, 'GET', `/v1/profiles/${profile.id}/checkouts?count=true`)).json();
    assert.deepEqual([bobs.total, bobs.items[0].userId], [1, bob.user.id], 'a user lists their own');

    assert.equal((await asUser(t(), reader, 'GET', url)).statusCode, 200);
    const all = (await asUser(t(), reader, 'GET', `/v1/profiles/${profile.id}/checkouts?count=true`)).json();
    assert.equal(all.total, 2);
    refused(
      await asUser(t(), reader, 'POST', `${url}/checkin`),
      403,
      'checkout.not_holder',
      /another user's/,
    );

    // The administrator (assignments:write) extends and checks in anyone's.
    assert.equal((await as(t(), tenant, 'POST', `${url}/extend`)).json().extensionsUsed, 1);
    assert.equal((await as(t(), tenant, 'POST', `${url}/checkin`)).json().status, 'checkedIn');
    assert.equal(await mayReport(t(), tenant, alice.user.id), false);
  });

  test('lists page like every native list, with filters and counts', async () => {
    const tenant = await newTenant(t());
    const users = await Promise.all([1, 2, 3].map(() => signedIn(t(), tenant)));
    const profile = await checkoutProfile(t(), tenant, [allowing(...users.map(userMember))]);
    for (const u of users) assert.equal((await checkOut(t(), u, profile.id)).statusCode, 201);
    const url = `/v1/profiles/${profile.id}/checkouts`;
    const first = (await as(t(), tenant, 'GET', `${url}?limit=2&count=true`)).json();
    assert.deepEqual([first.items.length, first.total], [2, 3]);
    const rest = (await as(t(), tenant, 'GET', `${url}?limit=2&cursor=${first.nextCursor}`)).json();
    assert.deepEqual([rest.items.length, rest.nextCursor], [1, null]);
    const one = (
      await as(t(), tenant, 'GET', `${url}?filter=${encodeURIComponent(`userId eq "${users[1]!.user.id}"`)}`)
    ).json();
    assert.deepEqual(
      one.items.map((c: { userId: string }) => c.userId),
      [users[1]!.user.id],
    );
    const last = rest.items[0];
    await as(t(), tenant, 'POST', `${url}/${last.id}/checkin`);
    const checkedIn = (await as(t(), tenant, 'GET', `${url}?filter=checkedInAt%20pr&sort=-expiresAt`)).json();
    assert.deepEqual(
      checkedIn.items.map((c: { id: string }) => c.id),
      [last.id],
    );
    refused(
      await as(t(), tenant, 'GET', `${url}?filter=${encodeURIComponent('nope eq 1')}`),
      400,
      'query.invalid_filter',
    );
  });

  test('every step is audited in its own request: the assignment and the check-out', async () => {
    const tenant = await newTenant(t());
    const alice = await signedIn(t(), tenant);
    const profile = await checkoutProfile(t(), tenant, [allowing(userMember(alice))], { extendable: true });
    const steps: [string, () => Promise<Answer>][] = [];
    const made = await checkOut(t(), alice, profile.id);
    const url = `/v1/profiles/${profile.id}/checkouts/${made.json().id}`;
    steps.push(['checkout.create', async () => made]);
    steps.push(['checkout.extend', () => asUser(t(), alice, 'POST', `${url}/extend`)]);
    steps.push(['checkout.checkin', () => asUser(t(), alice, 'POST', `${url}/checkin`)]);
    for (const [action, step] of steps) {
      const answer = await step();
      assert.equal(answer.statusCode < 300, true, answer.body);
      const requestId = answer.headers['x-request-id'] as string;
      const events = (
        await as(
          t(),
          tenant,
          'GET',
          `/v1/audit-events?filter=${encodeURIComponent(`requestId eq "${requestId}"`)}`,
        )
      ).json().items;
      const actions = events.map((e: { action: string }) => e.action).sort();
      const assignmentAction = action === 'checkout.create' ? 'assignment.create' : 'assignment.update';
      assert.deepEqual(actions, [assignmentAction, action].sort(), JSON.stringify(events));
      const event = events.find((e: { action: string }) => e.action === action);
      assert.equal(event.userId, alice.user.id);
      assert.equal(event.targetId, made.json().id);
    }
  });

  test("another tenant's profile and check-out ids are 404, exactly as ids never used", async () => {
    const [mine, theirs] = [await newTenant(t()), await newTenant(t())];
    const alice = await signedIn(t(), mine);
    const eve = await signedIn(t(), theirs);
    const myProfile = await checkoutProfile(t(), mine, [allowing(userMember(alice))], { extendable: true });
    const theirProfile = await checkoutProfile(t(), theirs, [allowing(userMember(eve))], {
      extendable: true,
    });
    const theirCheckout = (await checkOut(t(), eve, theirProfile.id)).json();
    const never = '0190b7e4-0000-7000-8000-00000000dead';
    const same = (a: Answer, b: Answer, theirId: string) => {
      assert.equal(a.statusCode, 404, a.body);
      assert.equal(
        a.body.replaceAll(theirId, '<id>').replace(/"requestId":"[^"]*"/, ''),
        b.body.replaceAll(never, '<id>').replace(/"requestId":"[^"]*"/, ''),
      );
    };
    for (const [method, path] of [
      ['POST', ''],
      ['GET', ''],
      ['GET', '/<c>'],
      ['POST', '/<c>/extend'],
      ['POST', '/<c>/checkin'],
    ] as const) {
      const url = (profile: string, checkout: string) =>
        `/v1/profiles/${profile}/checkouts${path.replace('<c>', checkout)}`;
      same(
        await asUser(t(), alice, method, url(theirProfile.id, theirCheckout.id)),
        await asUser(t(), alice, method, url(never, never)),
        theirProfile.id,
      );
      if (path.includes('<c>')) {
        same(
          await asUser(t(), alice, method, url(myProfile.id, theirCheckout.id)),
          await asUser(t(), alice, method, url(myProfile.id, never)),
          theirCheckout.id,
        );
      }
    }
    const untouched = await asUser(
      t(),
      eve,
      'GET',
      `/v1/profiles/${theirProfile.id}/checkouts/${theirCheckout.id}`,
    );
    assert.deepEqual([untouched.json().status, untouched.json().extensionsUsed], ['checkedOut', 0]);
  });
});
