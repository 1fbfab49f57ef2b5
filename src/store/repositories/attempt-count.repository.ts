import { SqliteAdapter, sql } from 'kysely';
import type { Executor } from '../executor.js';

/**
 * Counts one attempt of `key` in the window starting at `windowStart` and answers the count so
 * far: one statement, atomic on both databases however many processes count at once. A key seen
 * in an older window starts again at 1.
 */
export async function countAttempt(db: Executor, key: string, windowStart: number): Promise<number> {
  const [count] = await countAttempts(db, [key], windowStart);
  return count!;
}

/**
 * Counts one attempt of each of `keys` (distinct) in the window, in one statement, and answers
 * their counts so far in the same order.
 */
export async function countAttempts(
  db: Executor,
  keys: readonly string[],
  windowStart: number,
): Promise<number[]> {
  return addAttempts(
    db,
    keys.map((key) => ({ key, attempts: 1 })),
    windowStart,
  );
}

/**
 * Adds `attempts` to each key (distinct) in the window, in one statement, and answers each key's
 * count so far in the same order: one round trip however many keys. The keys travel as one
 * parameter (a JSON array on SQLite, two arrays on PostgreSQL), so the SQL text is the same for
 * any number of them: SQLite keeps a prepared statement per text (store/database.ts), and a text
 * per number of keys would fill that cache. A window never moves back: an attempt of a window
 * that is over, counted late (statements of two windows can commit in either order), counts in
 * the newer one. On SQLite the commit does not wait for the disk (see withoutWaitingForDisk): a
 * crash may forget the last attempts, never a write anything else made.
 */
export async function addAttempts(
  db: Executor,
  added: readonly { key: string; attempts: number }[],
  windowStart: number,
): Promise<number[]> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const rows = sqlite
    ? sql`select j.value ->> 'key', ${windowStart}, j.value ->> 'attempts' from json_each(${JSON.stringify(added)}) as j where true`
    : sql`select t.key, ${windowStart}::bigint, t.attempts from unnest(${added.map((a) => a.key)}::text[], ${added.map((a) => a.attempts)}::int[]) as t(key, attempts)`;
  // A Kysely insert (not raw SQL), so the store sees which table it writes: one no cache reads.
  const counted = await withoutWaitingForDisk(db, (conn) =>
    conn
      .insertInto('attempt_counts')
      .columns(['key', 'window_start', 'count'])
      .expression(rows)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when attempt_counts.window_start < excluded.window_start then excluded.count else attempt_counts.count + excluded.count end`,
          window_start: sql<number>`case when attempt_counts.window_start < excluded.window_start then excluded.window_start else attempt_counts.window_start end`,
        }),
      )
      .returning(['key', 'count'])
      .execute(),
  );
  const counts = new Map(counted.map((row) => [row.key, Number(row.count)]));
  return added.map(({ key }) => {
    const count = counts.get(key);
    // A key the database stored as another (it never should): fail closed, never let it through.
    if (count === undefined || !Number.isFinite(count))
      throw new Error(`no attempt count came back for a key`);
    return count;
  });
}

/**
 * Runs `write` (one autocommitted statement) on SQLite with `synchronous = NORMAL`: in WAL mode
 * its commit is not flushed to disk on its own, but with the next commit that is (every other
 * write keeps the configured FULL). Rate-limit counters are written on every token request, and
 * a flush per attempt (about 0.2 to 2 ms of a blocked event loop) capped the token endpoint at a
 * few hundred answers a second. The connection is held throughout, so no other statement runs
 * at the relaxed setting. PostgreSQL commits concurrent transactions together and is left as is.
 */
async function withoutWaitingForDisk<T>(db: Executor, write: (conn: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction || !(db.getExecutor().adapter instanceof SqliteAdapter)) return write(db);
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(conn);
    const configured = rows[0]?.synchronous ?? 2;
    await sql`pragma synchronous = normal`.execute(conn);
    try {
      return await write(conn);
    } finally {
      await sql.raw(`pragma synchronous = ${Number(configured)}`).execute(conn);
    }
  });
}
