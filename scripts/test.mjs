#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner, on SQLite and, when a PostgreSQL
// server answers, on PostgreSQL too, and the directory tests against a real slapd. Without
// PostgreSQL or slapd it says so loudly; under CI it fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const postgresUrl = process.env.PROFILED_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function testFiles(dir) {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return testFiles(path);
      return entry.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

const env = { ...process.env };
if (await postgresAnswers(postgresUrl)) {
  env.PROFILED_TEST_POSTGRES_URL = postgresUrl;
  console.log(
    `Storage and API tests run on SQLite and on PostgreSQL (${postgresUrl.replace(/\/\/[^@]*@/, '//')}).`,
  );
} else {
  delete env.PROFILED_TEST_POSTGRES_URL;
  const banner = '#'.repeat(78);
  console.error(
    `${banner}\n# POSTGRESQL SKIPPED: no server answered at ${postgresUrl}.\n# Only SQLite was tested. Set PROFILED_TEST_POSTGRES_URL to a server to test both.\n${banner}`,
  );
  if (process.env.CI) {
    console.error('CI must run the PostgreSQL suite: failing.');
    process.exit(1);
  }
}

// The directory tests run a real OpenLDAP server (slapd, from Debian's slapd package).
const slapd = env.PROFILED_TEST_SLAPD ?? '/usr/sbin/slapd';
if (existsSync(slapd)) {
  env.PROFILED_TEST_SLAPD = slapd;
  console.log(`Directory tests run against a real OpenLDAP server (${slapd}).`);
} else {
  const banner = '#'.repeat(78);
  console.error(
    `${banner}\n# LDAP SKIPPED: no slapd at ${slapd}.\n# The directory sync, compliance and remediation tests were skipped.\n# Install Debian's slapd package (apt-get install slapd) to run them.\n${banner}`,
  );
  if (process.env.CI) {
    console.error('CI must run the directory tests against slapd: failing.');
    process.exit(1);
  }
}

const named = process.argv.slice(2);
// The console's component tests (Vitest over jsdom), before the rest, when no file is named.
if (named.length === 0) {
  const components = spawnSync('npm', ['run', '--silent', 'test', '-w', '@profiled/console'], {
    stdio: 'inherit',
    env,
  });
  if (components.status !== 0) {
    console.error('The console component tests failed.');
    process.exit(components.status ?? 1);
  }
}

const files = named.length > 0 ? named : testFiles('test');
// Two files at a time, each running its SQLite and PostgreSQL halves one after the other. On a
// 2-core machine, running the halves side by side (in one process, or as two processes) or a
// third file at once measured no faster: both cores are already busy.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
