import type { CoreContext } from './context.js';
import { DomainError } from './errors.js';
import { isLostTransaction } from '../store/executor.js';

/**
 * A write that lost a race it did not ask to lose: it asked no precondition (no If-Match), and
 * another transaction changed or created the same row between its read and its write. The
 * transaction that owns it runs again from the start, reading what the other one committed.
 */
export class ConcurrentWrite extends DomainError {
  constructor(resource: string) {
    super('precondition.failed', `${resource} changed while this request ran: read it again and retry`);
    this.name = 'ConcurrentWrite';
  }
}

/** How often a transaction is run again after losing a race (each time one of the racers wins). */
const ATTEMPTS = 20;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * Math.min(attempt, 10)));

/**
 * Runs `work`, and again (up to ATTEMPTS times) while it fails with ConcurrentWrite or the
 * database ended it for a concurrent transaction (a deadlock between two bulk writes).
 */
export async function runAgainAfterLostRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const lost = error instanceof ConcurrentWrite || isLostTransaction(error);
      if (!lost || attempt >= ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/**
 * Runs `work` in a transaction: a new one, or the caller's when it already holds one
 * (Kysely does not nest transactions; an import runs many service calls in one). A new one that
 * fails with ConcurrentWrite is rolled back and run again, so that writes without a precondition
 * never fail for a concurrent one.
 */
export async function inTransaction<T>(ctx: CoreContext, work: (tx: CoreContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return runAgainAfterLostRaces(() => ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx })));
}
