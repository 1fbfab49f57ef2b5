import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { as, newTenant } from '../support/fixtures.js';

forEachApp('profiles: check-out settings and policies', (t) => {
  test('check-out settings default, and a patch changes only the fields it names', async () => {
    const tenant = await newTenant(t());
    const made = await as(t(), tenant, 'POST', '/v1/profiles', {
      name: 'On call',
      checkout: { durationMs: 3_600_000, extendable: true, extensionLimit: 2 },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json().checkout, {
      durationMs: 3_600_000,
      extendable: true,
      extensionDurationMs: null,
      extensionLimit: 2,
      notifyBeforeExpiryMs: null,
      exclusive: false,
      delegationEnabled: false,
      policyOrderingEnabled: false,
    });
    const patched = await as(t(), tenant, 'PATCH', `/v1/profiles/${made.json().id}`, {
      checkout: { exclusive: true },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().checkout.exclusive, true);
    assert.equal(patched.json().checkout.durationMs, 3_600_000, 'left as it was');
    const bad = await as(t(), tenant, 'PATCH', `/v1/profiles/${made.json().id}`, {
      checkout: { durationMs: -1 },
    });
    assert.equal(bad.statusCode, 400);
  });

  test('policies read with their defaults: Allow, not read-only, no labels', async () => {
    const tenant = await newTenant(t());
    const made = await as(t(), tenant, 'POST', '/v1/profiles', {
      name: 'With policies',
      policies: [
        { id: 'p1', name: 'Everyone' },
        {
          id: 'p2',
          name: 'Not them',
          accessType: 'Deny',
          members: [{ id: 'u1', memberType: 'ServiceIdentity' }],
        },
      ],
    });
    assert.equal(made.statusCode, 201, made.body);
    const [allow, deny] = made.json().policies;
    assert.deepEqual(allow, {
      id: 'p1',
      name: 'Everyone',
      description: null,
      isActive: true,
      isDraft: false,
      isReadOnly: false,
      accessType: 'Allow',
      condition: null,
      members: [],
      resourceLabels: {},
    });
    assert.equal(deny.accessType, 'Deny');
    assert.equal(deny.members[0].memberType, 'ServiceIdentity');
  });
});
