import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashClientSecret, verifyClientSecret } from '../../src/auth/client-secret.js';
import { hashSecret } from '../../src/auth/secrets.js';
import { forEachApp, testPasswordHashCost } from '../support/app.js';
import { newTenant } from '../support/fixtures.js';

/**
 * Generated OAuth client secrets (256 random bits) are stored as SHA-256, not scrypt: checked in
 * microseconds on every token request. Secrets stored with scrypt before keep working and are
 * stored anew as SHA-256 on their first use; a chosen secret keeps scrypt.
 */
forEachApp('client secrets', (t) => {
  const storedHash = async (id: string) =>
    (
      await t()
        .database.db.selectFrom('credentials')
        .select('secret_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).secret_hash;
  const tokenRequest = (clientId: string, clientSecret: string) =>
    t().request({
      method: 'POST',
      url: '/oauth2/token',
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });

  async function newClient() {
    const tenant = await newTenant(t());
    const made = await t().request({
      method: 'POST',
      url: '/v1/oauth-clients',
      headers: { 'target-tenant': tenant.code },
      payload: { name: 'machine' },
    });
    assert.equal(made.statusCode, 201, made.body);
    return made.json<{ id: string; clientId: string; clientSecret: string }>();
  }

  test('a new client’s secret is stored as SHA-256 and grants tokens', async () => {
    const client = await newClient();
    assert.match((await storedHash(client.id))!, /^sha256\$[0-9a-f]{64}$/);
    assert.equal((await tokenRequest(client.clientId, client.clientSecret)).statusCode, 200);
    // The same shape, its last character changed (never to itself).
    const last = client.clientSecret.endsWith('A') ? 'B' : 'A';
    const wrong = `${client.clientSecret.slice(0, -1)}${last}`;
    assert.equal((await tokenRequest(client.clientId, wrong)).statusCode, 401);
  });

  test('a secret stored with scrypt still grants tokens and is stored as SHA-256 on first use', async () => {
    const client = await newClient();
    const old = await hashSecret(client.clientSecret, testPasswordHashCost);
    await t()
      .database.db.updateTable('credentials')
      .set({ secret_hash: old })
      .where('id', '=', client.id)
      .execute();
    assert.equal((await tokenRequest(client.clientId, 'x'.repeat(43))).statusCode, 401);
    assert.equal(await storedHash(client.id), old, 'a wrong secret upgrades nothing');
    assert.equal((await tokenRequest(client.clientId, client.clientSecret)).statusCode, 200);
    assert.match((await storedHash(client.id))!, /^sha256\$/);
    assert.equal((await tokenRequest(client.clientId, client.clientSecret)).statusCode, 200);
  });
});

test('a chosen secret that is not of the generated shape keeps scrypt', async () => {
  const chosen = 'correct horse battery staple';
  const stored = await hashClientSecret(chosen, testPasswordHashCost);
  assert.match(stored, /^scrypt\$/);
  assert.deepEqual(await verifyClientSecret(chosen, stored, testPasswordHashCost), {
    matches: true,
    upgrade: undefined,
  });
  assert.equal((await verifyClientSecret('wrong', stored, testPasswordHashCost)).matches, false);
  assert.equal((await verifyClientSecret(chosen, null, testPasswordHashCost)).matches, false);
});
