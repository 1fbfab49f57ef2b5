/**
 * Fast loading of the large tables (users, assignments) for the benchmark's seed: rows as the
 * store's codecs write them, sent many at a time over a connection of its own, in large
 * transactions. The tables' secondary indexes are dropped first and built again, from their own
 * definitions, once everything is in (one sort instead of millions of random inserts); foreign keys
 * are not checked row by row (the seed makes only rows that refer to what exists).
 * SQLite: multi-row `insert ... values (...),(...)` prepared once. PostgreSQL: `insert ... select *
 * from unnest($1::text[], ...)`, one array a column.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { BenchDatabase } from './databases.js';

type Row = Record<string, unknown>;

/** Rows a transaction holds before it commits. */
const ROWS_PER_TRANSACTION = 250_000;

interface Sink {
  /** Writes rows of `table` that all have the same columns, in this order. */
  write(table: string, columns: string[], rows: Row[]): Promise<void>;
  commit(): Promise<void>;
  dropIndexes(table: string): Promise<void>;
  restoreIndexes(): Promise<void>;
  close(): Promise<void>;
}

async function sqliteSink(file: string): Promise<Sink> {
  const db = new SQLite(file);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('foreign_keys = OFF');
  const statements = new Map<string, SQLite.Statement>();
  const dropped: { name: string; sql: string }[] = [];
  db.exec('begin');
  return {
    async write(table, columns, rows) {
      const key = `${table}/${rows.length}`;
      let statement = statements.get(key);
      if (!statement) {
        const tuple = `(${columns.map(() => '?').join(',')})`;
        statement = db.prepare(
          `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rows.length }, () => tuple).join(',')}`,
        );
        statements.set(key, statement);
      }
      const values: unknown[] = [];
      for (const row of rows) for (const c of columns) values.push(row[c] ?? null);
      statement.run(values);
    },
    async commit() {
      db.exec('commit');
      db.exec('begin');
    },
    async dropIndexes(table) {
      const indexes = db
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null",
        )
        .all(table) as { name: string; sql: string }[];
      for (const index of indexes) db.exec(`drop index ${index.name}`);
      dropped.push(...indexes);
    },
    async restoreIndexes() {
      db.exec('commit');
      for (const index of dropped) db.exec(index.sql);
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      db.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Foreign keys are triggers: a replica session skips them (needs a superuser; else checked).
  await client.query('set session_replication_role = replica').catch(() => undefined);
  await client.query('set synchronous_commit = off');
  await client.query("set maintenance_work_mem = '512MB'");
  const types = new Map<string, Map<string, string>>();
  const dropped: { name: string; definition: string }[] = [];
  await client.query('begin');
  const typesOf = async (table: string) => {
    let known = types.get(table);
    if (!known) {
      const { rows } = await client.query<{ column_name: string; udt_name: string }>(
        'select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1',
        [table],
      );
      known = new Map(rows.map((r) => [r.column_name, r.udt_name]));
      types.set(table, known);
    }
    return known;
  };
  return {
    async write(table, columns, rows) {
      const known = await typesOf(table);
      const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
      const casts = columns.map((c, i) => `$${i + 1}::${known.get(c) ?? 'text'}[]`);
      await client.query(
        `insert into ${table} (${columns.join(',')}) select * from unnest(${casts.join(',')})`,
        arrays,
      );
    },
    async commit() {
      await client.query('commit');
      await client.query('begin');
    },
    async dropIndexes(table) {
      // Not the indexes behind a primary key or unique constraint: those stay and check.
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes
          where schemaname = current_schema() and tablename = $1
            and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
        [table],
      );
      for (const r of rows) await client.query(`drop index ${r.indexname}`);
      dropped.push(...rows.map((r) => ({ name: r.indexname, definition: r.indexdef })));
    },
    async restoreIndexes() {
      await client.query('commit');
      for (const index of dropped) await client.query(index.definition);
      // As autovacuum would after a bulk load: visibility map (index-only scans) and statistics.
      await client.query('vacuum (analyze)');
    },
    async close() {
      await client.end();
    },
  };
}

/** Buffers rows per table and writes them in batches; `finish` commits and rebuilds the indexes. */
export class BulkLoader {
  private readonly buffers = new Map<string, { columns: string[]; rows: Row[]; batch: number }>();
  private sinceCommit = 0;
  /** Rows written per table. */
  readonly counts = new Map<string, number>();

  private constructor(
    private readonly sink: Sink,
    private readonly maxBatch: number,
    private readonly maxParameters: number,
  ) {}

  /** A loader over its own connection to `bench`'s database; `tables` lose their indexes until `finish`. */
  static async open(bench: BenchDatabase, tables: string[]): Promise<BulkLoader> {
    const sink =
      bench.kind === 'sqlite'
        ? await sqliteSink(bench.url.slice('sqlite:'.length))
        : await postgresSink(bench.url);
    for (const table of tables) await sink.dropIndexes(table);
    // SQLite binds at most 32,766 parameters a statement; PostgreSQL takes one array a column.
    return bench.kind === 'sqlite'
      ? new BulkLoader(sink, 500, 32_000)
      : new BulkLoader(sink, 10_000, Infinity);
  }

  async add(table: string, row: Row): Promise<void> {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      const columns = Object.keys(row);
      const batch = Math.max(1, Math.min(this.maxBatch, Math.floor(this.maxParameters / columns.length)));
      buffer = { columns, rows: [], batch };
      this.buffers.set(table, buffer);
    }
    buffer.rows.push(row);
    // All tables at once, in the order they came: a row is written after the rows it refers to.
    if (buffer.rows.length >= buffer.batch) for (const name of this.buffers.keys()) await this.flush(name);
  }

  private async flush(table: string): Promise<void> {
    const buffer = this.buffers.get(table);
    if (!buffer || buffer.rows.length === 0) return;
    const rows = buffer.rows;
    buffer.rows = [];
    await this.sink.write(table, buffer.columns, rows);
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
    this.sinceCommit += rows.length;
    if (this.sinceCommit >= ROWS_PER_TRANSACTION) {
      await this.sink.commit();
      this.sinceCommit = 0;
    }
  }

  /** Writes what is buffered (tables in the order first added), commits, rebuilds the indexes. */
  async finish(): Promise<void> {
    try {
      for (const table of this.buffers.keys()) await this.flush(table);
      await this.sink.restoreIndexes();
    } finally {
      await this.sink.close();
    }
  }
}
