import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, unique } from '../support/app.js';
import { as, newProfile, newTenant } from '../support/fixtures.js';

forEachApp('ETag, If-Match and Idempotency-Key', (t) => {
  test('If-Match with the current ETag writes; with a stale one answers 412 and writes nothing', async () => {
    const tenant = await newTenant(t());
    const profile = await newProfile(t(), tenant);
    const first = await as(
      t(),
      tenant,
      'PATCH',
      `/v1/profiles/${profile.id}`,
      { description: 'one' },
      { 'if-match': '"1"' },
    );
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers.etag, '"2"');
    const stale = await as(
      t(),
      tenant,
      'PATCH',
      `/v1/profiles/${profile.id}`,
      { description: 'two' },
      { 'if-match': '"1"' },
    );
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().code, 'precondition.failed');
    const staleDelete = await as(t(), tenant, 'DELETE', `/v1/profiles/${profile.id}`, undefined, {
      'if-match': '"1"',
    });
    assert.equal(staleDelete.statusCode, 412);
    const now = await as(t(), tenant, 'GET', `/v1/profiles/${profile.id}`);
    assert.equal(now.json().description, 'one');
    assert.equal(now.headers.etag, '"2"');
    const ok = await as(t(), tenant, 'DELETE', `/v1/profiles/${profile.id}`, undefined, {
      'if-match': '"2"',
    });
    assert.equal(ok.statusCode, 204);
  });

  test('the same Idempotency-Key replays the first answer and creates once', async () => {
    const tenant = await newTenant(t());
    const key = unique('key');
    const payload = { username: unique('idem') };
    const first = await as(t(), tenant, 'POST', '/v1/users', payload, { 'idempotency-key': key });
    assert.equal(first.statusCode, 201);
    const again = await as(t(), tenant, 'POST', '/v1/users', payload, { 'idempotency-key': key });
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    const list = await as(
      t(),
      tenant,
      'GET',
      `/v1/users?filter=${encodeURIComponent(`username eq "${payload.username}"`)}&count=true`,
    );
    assert.equal(list.json().total, 1);
  });

  test('the same Idempotency-Key with another body is a 422', async () => {
    const tenant = await newTenant(t());
    const key = unique('key');
    await as(t(), tenant, 'POST', '/v1/users', { username: unique('a') }, { 'idempotency-key': key });
    const other = await as(
      t(),
      tenant,
      'POST',
      '/v1/users',
      { username: unique('b') },
      { 'idempotency-key': key },
    );
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'idempotency.key_reused');
  });

  test('a failed first request releases its key so a corrected retry can use it', async () => {
    const tenant = await newTenant(t());
    const key = unique('key');
    const bad = await as(
      t(),
      tenant,
      'POST',
      '/v1/profiles',
      { name: unique('p'), capabilities: [{ capability: 'Nope', accessLevel: 'Read', viewLevel: 'Simple' }] },
      { 'idempotency-key': key },
    );
    assert.equal(bad.statusCode, 400);
    const good = await as(
      t(),
      tenant,
      'POST',
      '/v1/profiles',
      { name: unique('p') },
      { 'idempotency-key': key },
    );
    assert.equal(good.statusCode, 201);
  });
});
