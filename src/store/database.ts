import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type pg from 'pg';
import type { ChangeFeed } from './change-feed.js';
import { immediateTransactions } from './sqlite-immediate.js';
import { observedDialect } from './observed-dialect.js';
import { postgresChangeFeed, sqliteChangeFeed } from './remote-changes.js';
import type { DB } from './schema.js';

// Each driver is loaded only when a database of its kind is opened: a SQLite start spent 20 ms
// and more loading pg, and kept its 5 MB.
const require = createRequire(import.meta.url);

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Moves on with every committed write, this process's or another's: what read caches watch. */
  readonly changes: ChangeFeed;
  close(): Promise<void>;
}

const feeds = new WeakMap<Kysely<DB>, ChangeFeed>();

/** The change feed of a database opened by openDatabase, found from its Kysely instance. */
export const changesOf = (db: Kysely<DB>): ChangeFeed | undefined => feeds.get(db);

export interface DatabaseOptions {
  /** `sqlite:<path>` (or `sqlite::memory:`) or `postgres://...` / `postgresql://...`. */
  url: string;
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL only process crashes. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** Maximum PostgreSQL pool size. */
  poolSize?: number;
}

/** Parses the kind of database a URL names; throws a plain Error for anything else. */
function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`unsupported database URL "${url}": use sqlite:<file> or postgres://...`);
}

export function openDatabase(options: DatabaseOptions): Database {
  const kind = databaseKind(options.url);
  return kind === 'sqlite' ? openSqlite(options) : openPostgres(options);
}

function openSqlite(options: DatabaseOptions): Database {
  const path = options.url.slice('sqlite:'.length);
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const Driver = require('better-sqlite3') as typeof SQLite;
  const sqlite = new Driver(path === '' ? ':memory:' : path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB a connection: at millions of assignments, a read the
  // read cache has not kept (a page of holders, a profile asked for once) then reads most of its
  // pages through system calls. Measured at 10M (docs/benchmarks.md, Changes): holders 0.143x ->
  // 0.215x of bare Fastify, p99 257 -> 142 ms. Memory-mapped pages are the operating system's
  // page cache, shared and given back under pressure; the page cache is used only as it fills.
  sqlite.pragma(`cache_size = -${SQLITE_PAGE_CACHE_KIB}`);
  sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  // SQLite's built-in lower() folds ASCII only; filters compare with Unicode case folding, as
  // PostgreSQL does, so the same filter finds the same rows on both databases.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const { feed, observer } = sqliteChangeFeed(sqlite);
  const dialect = immediateTransactions(new SqliteDialect({ database: withStatementCache(sqlite) }));
  const db = new Kysely<DB>({ dialect: observedDialect(dialect, observer) });
  feeds.set(db, feed);
  return { kind: 'sqlite', db, changes: feed, close: () => db.destroy() };
}

/** SQLite's page cache per connection: 64 MiB (its default is 2 MB). */
const SQLITE_PAGE_CACHE_KIB = 65_536;
/** How much of a SQLite file reads may map into memory instead of copying it in: 1 GiB. */
const SQLITE_MMAP_BYTES = 1_073_741_824;

/** Prepared statements kept per SQL text; the hot paths send a few dozen distinct texts. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and on the hot paths SQLite spends as long compiling a
 * statement as running it. Statements are kept by SQL text (least recently used dropped first)
 * and reused: Kysely's one SQLite connection runs one statement at a time, so a kept statement
 * is never in use twice. A schema change (a migration) makes SQLite recompile it by itself.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

// BIGINT (int8) columns hold epoch milliseconds, well inside Number's safe range;
// COUNT(*) also answers int8. Parse both as numbers instead of pg's default strings.
const INT8_OID = 20;
const pgTypes = (types: typeof pg.types) => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (types.getTypeParser(oid, format ?? 'text') as (
          value: string,
        ) => unknown)) as typeof types.getTypeParser,
});

function openPostgres(options: DatabaseOptions): Database {
  const { Client, Pool, types } = require('pg') as typeof pg;
  const connection = { connectionString: options.url, types: pgTypes(types) };
  const pool = new Pool({ ...connection, max: options.poolSize ?? 10 });
  // An idle connection that breaks (a server restart, a terminated backend) is an 'error' on the
  // pool; the pool has already dropped it and the next query opens another. Unheard, that event
  // would end the process.
  pool.on('error', () => undefined);
  // The pool's end() resolves once it has asked its connections to close, not once they have;
  // close() waits for the last one, so that the database is really free afterwards.
  const open = new Set<pg.PoolClient>();
  let allClosed: (() => void) | undefined;
  pool.on('connect', (client) => open.add(client));
  pool.on('remove', (client) => {
    open.delete(client);
    if (open.size === 0) allClosed?.();
  });
  const { feed, observer } = postgresChangeFeed(Client, connection);
  const db = new Kysely<DB>({ dialect: observedDialect(new PostgresDialect({ pool }), observer) });
  feeds.set(db, feed);
  const close = async () => {
    const closed = new Promise<void>((resolve) => (allClosed = resolve));
    await feed.close();
    await db.destroy();
    if (open.size > 0) await closed;
  };
  return { kind: 'postgres', db, changes: feed, close };
}
