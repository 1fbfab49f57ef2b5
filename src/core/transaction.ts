import type { CoreContext } from './context.js';

/**
 * Runs `work` in a transaction: a new one, or the caller's when it already holds one
 * (Kysely does not nest transactions; an import runs many service calls in one).
 */
export async function inTransaction<T>(ctx: CoreContext, work: (tx: CoreContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
