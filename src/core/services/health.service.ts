import { databaseAnswers } from '../../store/executor.js';
import { pendingMigrations } from '../../store/migrator.js';
import type { CoreContext } from '../context.js';

export interface Readiness {
  ready: boolean;
  database: 'reachable' | 'unreachable';
  pendingMigrations: string[];
}

/** Ready when the database answers and every migration the code knows is applied. */
export async function readiness(ctx: CoreContext): Promise<Readiness> {
  if (!(await databaseAnswers(ctx.db))) {
    return { ready: false, database: 'unreachable', pendingMigrations: [] };
  }
  const pending = await pendingMigrations(ctx.db);
  return { ready: pending.length === 0, database: 'reachable', pendingMigrations: pending };
}
