import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { as, newProfile, newTenant, newUser } from '../support/fixtures.js';

const FROM = '2026-03-01T00:00:00.000Z';
const UNTIL = '2026-04-01T00:00:00.000Z';

forEachApp('assignments: create, re-assign, change and delete', (t) => {
  test('a new assignment answers 201 with its Location and ETag; re-assigning answers 200 without a Location', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant);
    const first = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      validFrom: FROM,
    });
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json();
    assert.equal(first.headers.location, `/v1/assignments/${created.id}`);
    assert.equal(first.headers.etag, '"1"');
    assert.equal(created.validFrom, FROM);
    assert.equal(created.validUntil, null);

    const again = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      validFrom: FROM,
      validUntil: UNTIL,
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers.location, undefined);
    assert.equal(again.headers.etag, '"2"');
    assert.equal(again.json().id, created.id);
    assert.equal(again.json().validUntil, UNTIL);
  });

  test('an assignment is read, changed and deleted by id under If-Match', async () => {
    const tenant = await newTenant(t());
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant);
    const { id } = (
      await as(t(), tenant, 'POST', '/v1/assignments', { profileId: profile.id, userId: user.id })
    ).json();
    const read = await as(t(), tenant, 'GET', `/v1/assignments/${id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers.etag, '"1"');

    const changed = await as(
      t(),
      tenant,
      'PATCH',
      `/v1/assignments/${id}`,
      { validUntil: UNTIL, includeDescendants: true },
      { 'if-match': '"1"' },
    );
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.headers.etag, '"2"');
    assert.equal(changed.json().validUntil, UNTIL);
    assert.equal(changed.json().includeDescendants, true);

    const inverted = await as(t(), tenant, 'PATCH', `/v1/assignments/${id}`, { validFrom: UNTIL });
    assert.equal(inverted.statusCode, 400);
    assert.equal(inverted.json().code, 'assignment.invalid_window');

    const stale = await as(t(), tenant, 'DELETE', `/v1/assignments/${id}`, undefined, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);
    const deleted = await as(t(), tenant, 'DELETE', `/v1/assignments/${id}`, undefined, {
      'if-match': '"2"',
    });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await as(t(), tenant, 'GET', `/v1/assignments/${id}`)).statusCode, 404);
  });
});
