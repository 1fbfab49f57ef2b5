import { sql } from 'kysely';
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
 * their counts so far in the same order: one round trip, and one commit to flush to disk.
 */
export async function countAttempts(
  db: Executor,
  keys: readonly string[],
  windowStart: number,
): Promise<number[]> {
  const rows = await db
    .insertInto('attempt_counts')
    .values(keys.map((key) => ({ key, window_start: windowStart, count: 1 })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when attempt_counts.window_start = ${windowStart} then attempt_counts.count + 1 else 1 end`,
        window_start: windowStart,
      }),
    )
    .returning(['key', 'count'])
    .execute();
  const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
  return keys.map((key) => counts.get(key)!);
}
