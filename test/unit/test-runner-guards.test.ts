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
