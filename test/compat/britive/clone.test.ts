import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { britiveClient } from '../../support/britive.js';
import { as, newTenant, newUser } from '../../support/fixtures.js';

const RM = '/api/resource-manager';
const ALL = encodeURIComponent('profile,permissions,associations,policies,advancedSettings');

forEachApp('Britive clone, validate and advanced settings', (t) => {
  async function setup() {
    const tenant = await newTenant(t());
    const b = await britiveClient(t(), tenant);
    const profile = (
      await b.request({
        method: 'POST',
        url: `${RM}/profiles`,
        payload: { name: 'Source', expirationDuration: 3_600_000, extendable: true, exclusiveCheckout: true },
      })
    ).json();
    const base = `${RM}/profiles/${profile.profileId}`;
    const alice = await newUser(t(), tenant);
    const bob = await newUser(t(), tenant);
    const policy = (name: string, payload: object) =>
      b.request({ method: 'POST', url: `${base}/policies`, payload: { name, ...payload } });
    assert.equal(
      (await policy('alice', { members: [{ id: alice.id, memberType: 'User' }] })).statusCode,
      201,
    );
    assert.equal((await policy('bob', { members: [{ id: bob.id, memberType: 'User' }] })).statusCode, 201);
    const settings = await b.request({
      method: 'POST',
      url: `${RM}/profile/${profile.profileId}/advanced-settings`,
      payload: { settings: [{ settingsType: 'JUSTIFICATION', isJustificationRequired: true }] },
    });
    assert.equal(settings.statusCode, 201, settings.body);
    const count = async () =>
      (await b.request({ method: 'GET', url: `${RM}/profiles?size=100` })).json().count as number;
    return { tenant, b, base, profile, alice, bob, count };
  }

  test('a clean clone answers 200 with the new profile and copies the chosen parts', async () => {
    const { b, base } = await setup();
    const res = await b.request({
      method: 'POST',
      url: `${base}/clone?options=${ALL}&ignoreErrors=false`,
      payload: { name: 'Copy', description: 'cloned' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const copy = res.json();
    assert.equal(copy.name, 'Copy');
    assert.equal(copy.expirationDuration, 3_600_000);
    assert.equal(copy.exclusiveCheckout, true);
    const policies = (
      await b.request({ method: 'GET', url: `${RM}/profiles/${copy.profileId}/policies` })
    ).json();
    assert.deepEqual(
      policies.map((p: { name: string }) => p.name),
      ['alice', 'bob'],
    );
    const settings = (
      await b.request({ method: 'GET', url: `${RM}/profile/${copy.profileId}/advanced-settings` })
    ).json();
    assert.equal(settings.settings[0].settingsType, 'JUSTIFICATION');
    assert.equal(settings.settings[0].entityId, copy.profileId);
    const onlyProfile = await b.request({
      method: 'POST',
      url: `${base}/clone?options=profile`,
      payload: { name: 'Bare' },
    });
    assert.equal(onlyProfile.statusCode, 200, onlyProfile.body);
    const none = (
      await b.request({ method: 'GET', url: `${RM}/profiles/${onlyProfile.json().profileId}/policies` })
    ).json();
    assert.deepEqual(none, []);
  });

  test('an invalid policy fails the clone with 422 and writes nothing; ignoreErrors=true answers 207 without it', async () => {
    const { b, base, tenant, bob, count } = await setup();
    const off = await as(t(), tenant, 'PATCH', `/v1/users/${bob.id}`, { enabled: false });
    assert.equal(off.statusCode, 200, off.body);
    const before = await count();
    const refused = await b.request({
      method: 'POST',
      url: `${base}/clone?options=${ALL}&ignoreErrors=false`,
      payload: { name: 'Copy' },
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const body = refused.json();
    assert.equal(body.errorMessage, 'Cannot clone profile due to one or more validation errors.');
    assert.deepEqual(
      body.policy.valid.map((p: { name: string }) => p.name),
      ['alice'],
    );
    assert.deepEqual(
      body.policy.invalid.map((p: { name: string }) => p.name),
      ['bob'],
    );
    assert.match(body.policy.invalid[0].errors[0], /disabled/);
    assert.equal(body.policy.count, 2);
    assert.equal(await count(), before, 'nothing written');
    const validate = await b.request({ method: 'GET', url: `${base}/validate` });
    assert.equal(validate.statusCode, 207);
    assert.deepEqual(validate.json().policy, body.policy);
    const partial = await b.request({
      method: 'POST',
      url: `${base}/clone?options=${ALL}&ignoreErrors=true`,
      payload: { name: 'Copy' },
    });
    assert.equal(partial.statusCode, 207, partial.body);
    assert.deepEqual(
      partial.json().failure.policy.map((p: { name: string }) => p.name),
      ['bob'],
    );
    const copyId = partial.json().success.profileId;
    const copied = (await b.request({ method: 'GET', url: `${RM}/profiles/${copyId}/policies` })).json();
    assert.deepEqual(
      copied.map((p: { name: string }) => p.name),
      ['alice'],
    );
    // Without policies among the options, their validity does not matter.
    const noPolicies = await b.request({
      method: 'POST',
      url: `${base}/clone?options=profile`,
      payload: { name: 'Copy 2' },
    });
    assert.equal(noPolicies.statusCode, 200);
  });

  test('an ended time window, a deleted user; unknown options 400; a taken name 409', async () => {
    const { b, base, alice, tenant } = await setup();
    const ended = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: {
        name: 'past',
        condition: { timeToActivate: '2020-01-01T00:00:00Z', timeToExpire: '2020-02-01T00:00:00Z' },
      },
    });
    assert.equal(ended.statusCode, 201, ended.body);
    assert.equal((await as(t(), tenant, 'DELETE', `/v1/users/${alice.id}`)).statusCode, 204);
    const checked = (await b.request({ method: 'GET', url: `${base}/validate` })).json().policy;
    assert.deepEqual(checked.invalid.map((p: { name: string }) => p.name).sort(), ['alice', 'past']);
    const bad = await b.request({
      method: 'POST',
      url: `${base}/clone?options=profile,everything`,
      payload: { name: 'x' },
    });
    assert.equal(bad.statusCode, 400);
    const taken = await b.request({
      method: 'POST',
      url: `${base}/clone?options=profile`,
      payload: { name: 'Source' },
    });
    assert.equal(taken.statusCode, 409);
    const malformed = await b.request({
      method: 'POST',
      url: `${base}/policies`,
      payload: { name: 'bad ip', condition: { ipAddress: '10.0.0.300' } },
    });
    assert.equal(malformed.statusCode, 400, malformed.body);
  });

  test('advanced settings: one per type, PUT replaces, DELETE one', async () => {
    const { b, profile } = await setup();
    const url = `${RM}/profile/${profile.profileId}/advanced-settings`;
    const added = await b.request({
      method: 'POST',
      url,
      payload: { settings: [{ settingsType: 'ITSM', isItsmEnabled: true }] },
    });
    assert.equal(added.statusCode, 201);
    assert.deepEqual(
      added
        .json()
        .settings.map((s: { settingsType: string }) => s.settingsType)
        .sort(),
      ['ITSM', 'JUSTIFICATION'],
    );
    const replaced = await b.request({
      method: 'PUT',
      url,
      payload: { settings: [{ settingsType: 'ITSM', isItsmEnabled: false }] },
    });
    assert.equal(replaced.statusCode, 201);
    assert.equal(replaced.json().settings.length, 1);
    const id = replaced.json().settings[0].id;
    assert.equal((await b.request({ method: 'DELETE', url: `${url}/${id}` })).statusCode, 204);
    assert.deepEqual((await b.request({ method: 'GET', url })).json().settings, []);
    assert.equal((await b.request({ method: 'DELETE', url: `${url}/${id}` })).statusCode, 404);
    const badType = await b.request({
      method: 'POST',
      url,
      payload: { settings: [{ settingsType: 'OTHER' }] },
    });
    assert.equal(badType.statusCode, 400);
  });
});
