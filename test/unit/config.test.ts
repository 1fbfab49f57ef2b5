import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

test('defaults: embedded SQLite under ./data, port 8080', () => {
  const config = loadConfig({});
  assert.equal(config.databaseUrl, 'sqlite:./data/profiled.db');
  assert.equal(config.port, 8080);
  assert.ok(Object.isFrozen(config));
});

test('a bad value is refused with a message that names the variable and the value', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /PORT="eighty"/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL="loud" must be one of/);
});

test('COMPAT_APIS: every vendor API by default, none, or a list of known names', () => {
  assert.deepEqual(loadConfig({}).compatApis, ['visier']);
  assert.deepEqual(loadConfig({ COMPAT_APIS: 'none' }).compatApis, []);
  assert.deepEqual(loadConfig({ COMPAT_APIS: ' visier , visier' }).compatApis, ['visier']);
  assert.throws(
    () => loadConfig({ COMPAT_APIS: 'visier,oracle' }),
    /COMPAT_APIS="visier,oracle": unknown oracle/,
  );
  assert.throws(
    () => loadConfig({ PASSWORD_REQUIRE: 'lower,emoji' }),
    /PASSWORD_REQUIRE="lower,emoji": unknown emoji/,
  );
});

test('PASSWORD_HASH_COST: 15 by default, nothing below 14 (production stays safe) or above 20', () => {
  assert.equal(loadConfig({}).passwordHashCost, 15);
  assert.equal(loadConfig({ PASSWORD_HASH_COST: '17' }).passwordHashCost, 17);
  assert.throws(
    () => loadConfig({ PASSWORD_HASH_COST: '13' }),
    /PASSWORD_HASH_COST="13" is not a whole number from 14 to 20/,
  );
  assert.throws(() => loadConfig({ PASSWORD_HASH_COST: '21' }), /PASSWORD_HASH_COST="21"/);
});
