import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/**
 * The test command's guard for the directory tests: without slapd it says so loudly and, under
 * CI, fails rather than passing with the LDAP tests skipped. Run on one small test file.
 */
const runner = new URL('../../scripts/test.mjs', import.meta.url).pathname;
const small = new URL('./config-docs.test.ts', import.meta.url).pathname;
const run = (env: Record<string, string | undefined>) =>
  spawnSync(process.execPath, [runner, small], { encoding: 'utf8', env: { ...process.env, ...env } });

test('without slapd the test command says LDAP was skipped, and fails under CI', () => {
  const local = run({ CI: '', PROFILED_TEST_SLAPD: '/nonexistent/slapd' });
  assert.match(local.stderr, /LDAP SKIPPED: no slapd at \/nonexistent\/slapd/);
  assert.equal(local.status, 0, local.stderr);

  const ci = run({ CI: 'true', PROFILED_TEST_SLAPD: '/nonexistent/slapd' });
  assert.match(ci.stderr, /CI must run the directory tests against slapd: failing/);
  assert.equal(ci.status, 1);
});

test('without Chromium the test command says the console end-to-end tests were skipped, and fails under CI', () => {
  const e2e = new URL('../e2e/console.test.ts', import.meta.url).pathname;
  const runE2e = (env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [runner, e2e], { encoding: 'utf8', env: { ...process.env, ...env } });
  const local = runE2e({ CI: '', PROFILED_TEST_CHROMIUM: '/nonexistent/chromium' });
  assert.match(local.stderr, /CHROMIUM SKIPPED: no Chromium at \/nonexistent\/chromium/);
  assert.equal(local.status, 0, local.stderr);

  const ci = runE2e({ CI: 'true', PROFILED_TEST_CHROMIUM: '/nonexistent/chromium' });
  assert.match(ci.stderr, /CI must run the console end-to-end tests in Chromium: failing/);
  assert.equal(ci.status, 1);
});
