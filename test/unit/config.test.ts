import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

/** The registry's names, as the CLI passes them; one with a dash, as vendors' names may have. */
const known = { compatApis: ['visier', 'solarwinds-arm'] };

test('defaults: embedded SQLite under ./data, port 8080', () => {
  const config = loadConfig({}, known);
  assert.equal(config.databaseUrl, 'sqlite:./data/profiled.db');
  assert.equal(config.port, 8080);
  assert.ok(Object.isFrozen(config));
});

test('a bad value is refused with a message that names the variable and the value', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }, known),
    (e: unknown) => e instanceof ConfigError && /PORT="eighty"/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }, known), /DATABASE_URL/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }, known), /LOG_LEVEL="loud" must be one of/);
});

test('COMPAT_APIS: every vendor API by default, none, or a list of known names', () => {
  assert.deepEqual(loadConfig({}, known).compatApis, ['visier', 'solarwinds-arm']);
  assert.deepEqual(loadConfig({ COMPAT_APIS: 'none' }, known).compatApis, []);
  assert.deepEqual(loadConfig({ COMPAT_APIS: ' visier , visier' }, known).compatApis, ['visier']);
  assert.throws(
    () => loadConfig({ COMPAT_APIS: 'visier,oracle' }, known),
    /COMPAT_APIS="visier,oracle": unknown oracle/,
  );
  assert.throws(
    () => loadConfig({ PASSWORD_REQUIRE: 'lower,emoji' }, known),
    /PASSWORD_REQUIRE="lower,emoji": unknown emoji/,
  );
});

test('COMPAT_PREFIX_<API>: a path to serve one compat API under; anything else stops the start', () => {
  const config = loadConfig({ COMPAT_PREFIX_SOLARWINDS_ARM: '/compat/solarwinds-arm/' }, known);
  assert.deepEqual(config.compatPrefixes, { 'solarwinds-arm': '/compat/solarwinds-arm' });
  assert.deepEqual(loadConfig({}, known).compatPrefixes, {});
  assert.throws(
    () => loadConfig({ COMPAT_PREFIX_ORACLE: '/x' }, known),
    /COMPAT_PREFIX_ORACLE: no compat API of that name; known: COMPAT_PREFIX_VISIER, COMPAT_PREFIX_SOLARWINDS_ARM/,
  );
  for (const bad of ['compat', '/a b', '/a//b', '/'])
    assert.throws(
      () => loadConfig({ COMPAT_PREFIX_VISIER: bad }, known),
      /COMPAT_PREFIX_VISIER=.* must be a path/,
    );
});

test('PASSWORD_HASH_COST: 15 by default, nothing below 14 (production stays safe) or above 20', () => {
  assert.equal(loadConfig({}, known).passwordHashCost, 15);
  assert.equal(loadConfig({ PASSWORD_HASH_COST: '17' }, known).passwordHashCost, 17);
  assert.throws(
    () => loadConfig({ PASSWORD_HASH_COST: '13' }, known),
    /PASSWORD_HASH_COST="13" is not a whole number from 14 to 20/,
  );
  assert.throws(() => loadConfig({ PASSWORD_HASH_COST: '21' }, known), /PASSWORD_HASH_COST="21"/);
});
