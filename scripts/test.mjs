#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner, on SQLite and, when a PostgreSQL
// server answers, on PostgreSQL too, the directory tests against a real slapd, and the console's
// end-to-end tests (test/e2e) in Debian's Chromium. Without PostgreSQL, slapd or Chromium it says
// so loudly; under CI it fails. The end-to-end tests need the built console (`npm run build`).
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
const named = process.argv.slice(2);
const files = named.length > 0 ? named : testFiles('test');

// The console's end-to-end tests drive the built console (dist/console) in Chromium.
if (files.some((file) => file.split(/[\\/]/).includes('e2e'))) {
  const chromium = env.PROFILED_TEST_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) {
    env.PROFILED_TEST_CHROMIUM = chromium;
    console.log(`Console end-to-end tests run in ${chromium} (headless).`);
  } else {
    const banner = '#'.repeat(78);
    console.error(
      `${banner}\n# CHROMIUM SKIPPED: no Chromium at ${chromium}.\n# The console's end-to-end tests (test/e2e) were skipped.\n# Install Debian's chromium package (apt-get install chromium) to run them.\n${banner}`,
    );
    if (process.env.CI) {
      console.error('CI must run the console end-to-end tests in Chromium: failing.');
      process.exit(1);
    }
  }
  if (!existsSync(new URL('../dist/console/index.html', import.meta.url))) {
    console.error('The console is not built (no dist/console/index.html): run `npm run build` first.');
    process.exit(1);
  }
}

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

// Two files at a time, each running its SQLite and PostgreSQL halves one after the other. On a
// 2-core machine, running the halves side by side (in one process, or as two processes) or a
// third file at once measured no faster: both cores are already busy.
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
