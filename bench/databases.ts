import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { numericSettings } from '../src/config.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrator.js';

/** A migrated scratch database for one benchmark run; `dispose` closes and deletes it. */
export interface BenchDatabase {
  database: Database;
  kind: Database['kind'];
  /** The database's URL, for the other connections of the run (seeding, baselines, cold start). */
  url: string;
  /** What the run is on, for the report's heading. */
  description: string;
  dispose(): Promise<void>;
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

/** The PostgreSQL pool size of the app (the production default), and of the pg baseline. */
export const POOL_SIZE = numericSettings.DATABASE_POOL_SIZE.default;

async function migrated(url: string, description: string, drop: () => Promise<void>): Promise<BenchDatabase> {
  // Production settings: SQLite in WAL mode with synchronous=FULL, PostgreSQL with the default pool.
  const database = openDatabase({ url, sqliteSynchronous: 'FULL', poolSize: POOL_SIZE });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
  return {
    database,
    kind: database.kind,
    url,
    description,
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A new SQLite file in a temporary directory (removed with its WAL files afterwards). */
export async function openSqlite(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'profiled-bench-'));
  const file = join(dir, 'bench.db');
  return migrated(`sqlite:${file}`, `SQLite, WAL, synchronous=FULL, ${file}`, () =>
    rm(dir, { recursive: true, force: true }),
  );
}

/** How long the drop waits for the pool's connections to go before it forces them out. */
const SESSIONS_GONE_MS = 10_000;

/**
 * Waits until no session is connected to database `name`. The pool's end() resolves once it has
 * asked its connections to close, not once they have: a forced drop in between terminates them,
 * and the idle client that reads that notice raises an 'error' event nobody is listening to.
 */
async function sessionsGone(client: pg.Client, name: string): Promise<void> {
  const until = Date.now() + SESSIONS_GONE_MS;
  while (Date.now() < until) {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [name],
    );
    if (rows[0]?.n === 0) return;
    await sleep(20);
  }
  console.error(`${name}: connections still open after ${SESSIONS_GONE_MS} ms; dropping it anyway`);
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database `profiled_bench_<random>` on the server `adminUrl` names: its URL and its drop. */
async function createPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `profiled_bench_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    admin(adminUrl, async (client) => {
      await sessionsGone(client, name);
      await client.query(`drop database if exists ${name} with (force)`);
    });
  return { url: url.toString(), drop };
}

/**
 * An empty, unmigrated database of `kind` (for a cold start on nothing): its URL and its removal.
 */
export async function openEmpty(
  kind: Database['kind'],
  adminUrl: string,
): Promise<{ url: string; dispose: () => Promise<void> }> {
  if (kind === 'postgres') {
    const created = await createPostgres(adminUrl);
    return { url: created.url, dispose: created.drop };
  }
  const dir = await mkdtemp(join(tmpdir(), 'profiled-bench-empty-'));
  return { url: `sqlite:${join(dir, 'empty.db')}`, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database `profiled_bench_<random>` on the server `adminUrl` names, dropped afterwards;
 * or the reason the server cannot be used.
 */
export async function openPostgres(adminUrl: string): Promise<BenchDatabase | { skipped: string }> {
  let created: { url: string; drop: () => Promise<void> };
  try {
    created = await createPostgres(adminUrl);
  } catch (error) {
    return { skipped: `${redact(adminUrl)}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const bench = await migrated(
    created.url,
    `PostgreSQL, pool ${POOL_SIZE}, ${redact(created.url)}`,
    created.drop,
  );
  const version = await sql<{ server_version: string }>`show server_version`.execute(bench.database.db);
  const server = version.rows[0]?.server_version ?? '?';
  return { ...bench, description: bench.description.replace('PostgreSQL', `PostgreSQL ${server}`) };
}
