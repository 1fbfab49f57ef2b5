import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PolicyMember, ProfilePolicy } from '../../src/core/model/profile.js';
import { decideCheckout, namesGroups, type Requester } from '../../src/core/services/checkout-policy.js';
import { judgeCondition } from '../../src/core/services/policy-condition.js';

const at = Date.parse('2026-12-02T12:00:00Z');
const alice: Requester = { userId: 'alice', groupIds: new Set(['ops']) };
const user = (id: string): PolicyMember => ({ id, memberType: 'User' });
const tag = (id: string): PolicyMember => ({ id, memberType: 'Tag' });

const policy = (id: string, members: PolicyMember[], extra: Partial<ProfilePolicy> = {}): ProfilePolicy => ({
  id,
  name: id,
  description: null,
  isActive: true,
  isDraft: false,
  isReadOnly: false,
  accessType: 'Allow',
  condition: null,
  members,
  resourceLabels: {},
  ...extra,
});
const deny = (id: string, members: PolicyMember[], extra: Partial<ProfilePolicy> = {}) =>
  policy(id, members, { accessType: 'Deny', ...extra });

const decided = (policies: ProfilePolicy[], ordered = false, requester = alice) => {
  const decision = decideCheckout(policies, ordered, requester, at);
  return { allowed: decision.allowed, by: decision.policy?.id ?? null };
};

test('a User member or a Tag member of one of the groups allows; other members do not', () => {
  assert.deepEqual(decided([policy('u', [user('alice')])]), { allowed: true, by: 'u' });
  assert.deepEqual(decided([policy('g', [tag('ops')])]), { allowed: true, by: 'g' });
  const strangers = [user('bob'), tag('dev'), { id: 'alice', memberType: 'ServiceIdentity' as const }];
  assert.deepEqual(decided([policy('x', strangers), policy('none', [])]), { allowed: false, by: null });
  assert.deepEqual(decided([policy('tag-is-no-user', [tag('alice')])]), { allowed: false, by: null });
});

test('unordered: any matching Deny refuses, wherever it stands', () => {
  const policies = [policy('a', [user('alice')]), deny('d', [tag('ops')]), policy('b', [tag('ops')])];
  assert.deepEqual(decided(policies), { allowed: false, by: 'd' });
  assert.deepEqual(decided([policy('a', [user('alice')]), deny('d', [user('bob')])]), {
    allowed: true,
    by: 'a',
  });
});

test('ordered: the first matching policy decides, Allow or Deny', () => {
  const allowFirst = [deny('other', [user('bob')]), policy('a', [user('alice')]), deny('d', [tag('ops')])];
  assert.deepEqual(decided(allowFirst, true), { allowed: true, by: 'a' });
  const denyFirst = [deny('d', [tag('ops')]), policy('a', [user('alice')])];
  assert.deepEqual(decided(denyFirst, true), { allowed: false, by: 'd' });
});

test('inactive policies and drafts are skipped, and need no groups read', () => {
  const idle = [
    deny('inactive', [user('alice')], { isActive: false }),
    deny('draft', [user('alice')], { isDraft: true }),
    policy('a', [user('alice')]),
  ];
  assert.deepEqual(decided(idle, true), { allowed: true, by: 'a' });
  assert.deepEqual(decided([policy('draft', [user('alice')], { isDraft: true })]), {
    allowed: false,
    by: null,
  });
  assert.equal(
    namesGroups([policy('draft', [tag('ops')], { isDraft: true }), policy('u', [user('a')])]),
    false,
  );
  assert.equal(namesGroups([policy('g', [tag('ops')])]), true);
});

test('a condition profiled cannot judge never allows: an Allow with one does not match, a Deny does', () => {
  const approval = { approval: { approvers: ['boss'] } };
  assert.deepEqual(decided([policy('a', [user('alice')], { condition: approval })]), {
    allowed: false,
    by: null,
  });
  const policies = [deny('d', [user('alice')], { condition: approval }), policy('a', [user('alice')])];
  assert.deepEqual(decided(policies), { allowed: false, by: 'd' });
  const outside = { timeToExpire: '2026-12-01T00:00:00Z' };
  assert.deepEqual(
    decided([deny('d', [user('alice')], { condition: outside }), policy('a', [user('alice')])]),
    {
      allowed: true,
      by: 'a',
    },
  );
});

test('time windows: from timeToActivate (inclusive) to timeToExpire (exclusive), either end open', () => {
  const iso = (ms: number) => new Date(at + ms).toISOString();
  const cases: [Record<string, unknown> | null, string][] = [
    [null, 'holds'],
    [{}, 'holds'],
    [{ timeToActivate: iso(0) }, 'holds'],
    [{ timeToActivate: iso(1) }, 'fails'],
    [{ timeToExpire: iso(0) }, 'fails'],
    [{ timeToExpire: iso(1) }, 'holds'],
    [{ timeToActivate: '2026-12-02T13:00:00+02:00', timeToExpire: '2026-12-02T15:00:00+02:00' }, 'holds'],
    [{ timeToActivate: iso(-1), timeToExpire: null }, 'holds'],
    [{ timeOfAccess: { timeToActivate: iso(-1), timeToExpire: iso(1) } }, 'holds'],
    [{ timeOfAccess: { timeToExpire: iso(-1) } }, 'fails'],
    [{ timeToActivate: iso(-1), timeOfAccess: { timeToExpire: iso(-1) } }, 'fails'],
    [{ timeOfAccess: { fromTime: '09:00' } }, 'unknown'],
    [{ timeOfAccess: 'weekdays' }, 'unknown'],
    [{ timeToActivate: '2026-12-02' }, 'unknown'],
    [{ timeToActivate: '2026-12-02T10:00:00' }, 'unknown'],
    [{ timeToExpire: 1_800_000_000_000 }, 'unknown'],
    [{ timeToActivate: '2026-13-45T99:00:00Z' }, 'unknown'],
    [{ ipAddress: '10.0.0.0/8' }, 'unknown'],
    [{ approval: null, ipAddress: '', timeOfAccess: {} }, 'holds'],
  ];
  for (const [condition, verdict] of cases) {
    assert.equal(judgeCondition(condition, at), verdict, JSON.stringify(condition));
  }
});
