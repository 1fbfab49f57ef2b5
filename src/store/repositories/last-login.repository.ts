import type { Executor } from '../executor.js';
import { inChunks } from '../query/in-chunks.js';

/**
 * When each of these users last signed in: the creation of their newest session credential.
 * Users who never signed in are absent from the map.
 */
export async function findLastLogins(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await inChunks(userIds, (chunk) =>
    db
      .selectFrom('credentials')
      .select(['user_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'session')
      .where('user_id', 'in', chunk)
      .groupBy('user_id')
      .execute(),
  );
  return new Map(rows.flatMap((r) => (r.user_id === null ? [] : [[r.user_id, Number(r.at)] as const])));
}
