import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecret, verifySecret } from '../../src/auth/secrets.js';
import { loadConfig } from '../../src/config.js';
import { testPasswordHashCost } from '../support/app.js';

test('the production cost: a secret hashed with the default settings is scrypt N=2^15, r=8, p=1 and verifies', async () => {
  const cost = loadConfig({}, { compatApis: [] }).passwordHashCost;
  const stored = await hashSecret('Correct-Horse-42', cost);
  assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifySecret('Correct-Horse-42', stored, cost), true);
  assert.equal(await verifySecret('Correct-Horse-43', stored, cost), false);
});

test('a stored hash verifies with the cost it was made with, whatever the cost is now', async () => {
  const cheap = await hashSecret('Correct-Horse-42', testPasswordHashCost);
  assert.ok(cheap.startsWith(`scrypt$${2 ** testPasswordHashCost}$8$1$`));
  assert.equal(await verifySecret('Correct-Horse-42', cheap, 15), true);
  assert.equal(await verifySecret('Correct-Horse-4', cheap, 15), false);
});

test('no stored hash, or one this code never wrote, does not match and does not throw', async () => {
  for (const stored of [undefined, null, '', 'sha256$abc', 'scrypt$1000$8$1$c2FsdA$aGFzaA', 'scrypt$x']) {
    assert.equal(await verifySecret('anything', stored, testPasswordHashCost), false, String(stored));
  }
});

test('a cost outside 1..20 is refused rather than silently used', async () => {
  await assert.rejects(hashSecret('x', 0), RangeError);
  await assert.rejects(hashSecret('x', 21), RangeError);
  await assert.rejects(hashSecret('x', 4.5), RangeError);
});
