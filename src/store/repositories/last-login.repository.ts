import type { Executor } from '../executor.js';

/**
 * When each of these users last signed in: the creation of their newest session credential.
 * Users who never signed in are absent from the map.
 */
export async function findLastLogins(
  db: Executor,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('credentials')
    .select(['user_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'session')
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.user_id === null ? [] : [[r.user_id, Number(r.at)] as const])));
}
