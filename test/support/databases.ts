import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrator.js';

/**
 * The databases storage tests run on. SQLite always; PostgreSQL when
 * PROFILED_TEST_POSTGRES_URL names a server (scripts/test.mjs sets it, or says loudly that it skipped).
 * PROFILED_TEST_DATABASES=sqlite or =postgres narrows the loop.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  const only = process.env.PROFILED_TEST_DATABASES;
  const kinds: DatabaseKind[] = ['sqlite'];
  if (process.env.PROFILED_TEST_POSTGRES_URL) kinds.push('postgres');
  return only ? kinds.filter((k) => only.split(',').includes(k)) : kinds;
}

interface Scratch {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database: an in-memory SQLite (a file, when other processes must open it too),
 * or a new PostgreSQL database dropped afterwards.
 */
async function scratchDatabase(kind: DatabaseKind, shared: boolean): Promise<Scratch> {
  if (kind === 'sqlite' && shared) {
    const dir = mkdtempSync(join(tmpdir(), 'profiled-test-'));
    return {
      url: `sqlite:${join(dir, 'profiled.db')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  if (kind === 'sqlite') return { url: 'sqlite::memory:', drop: () => Promise.resolve() };
  const adminUrl = process.env.PROFILED_TEST_POSTGRES_URL!;
  const name = `profiled_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // A pool's end() resolves before its connections have closed. Cutting one that is still
      // closing makes pg raise "terminating connection" in the test process: wait for them first.
      const open = 'select count(*)::int as n from pg_stat_activity where datname = $1';
      for (let tries = 0; tries < 100; tries += 1) {
        const { rows } = await client.query<{ n: number }>(open, [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestDatabase extends Database {
  url: string;
}

/**
 * Opens a migrated scratch database of the given kind; `close` also drops it. `shared`: other
 * processes can open it by its url (SQLite in a file instead of memory).
 */
export async function openTestDatabase(kind: DatabaseKind, shared = false): Promise<TestDatabase> {
  const scratch = await scratchDatabase(kind, shared);
  const database = openDatabase({ url: scratch.url, sqliteSynchronous: 'NORMAL', poolSize: 4 });
  await migrateToLatest(database.db);
  return {
    ...database,
    url: scratch.url,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/**
 * Declares `suite` once per test database. The callback receives a getter, valid inside tests,
 * for a migrated database shared by the suite's tests (tests create their own tenants to stay apart).
 */
export function forEachDatabase(name: string, suite: (db: () => TestDatabase) => void): void {
  for (const kind of testDatabaseKinds()) {
    void describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      before(async () => {
        database = await openTestDatabase(kind);
      });
      after(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error('test database not open yet');
        return database;
      });
    });
  }
}
