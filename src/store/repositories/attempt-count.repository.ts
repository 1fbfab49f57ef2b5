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
 * count so far in the same order: one round trip however many keys. On SQLite the commit does
 * not wait for the disk (see withoutWaitingForDisk): a crash may forget the last attempts, never
 * a write anything else made.
 */
export async function addAttempts(
  db: Executor,
  added: readonly { key: string; attempts: number }[],
  windowStart: number,
): Promise<number[]> {
  const rows = await withoutWaitingForDisk(db, (conn) =>
    conn
      .insertInto('attempt_counts')
      .values(added.map(({ key, attempts }) => ({ key, window_start: windowStart, count: attempts })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when attempt_counts.window_start = ${windowStart} then attempt_counts.count + excluded.count else excluded.count end`,
          window_start: windowStart,
        }),
      )
      .returning(['key', 'count'])
      .execute(),
  );
  const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
  return added.map(({ key }) => counts.get(key)!);
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
