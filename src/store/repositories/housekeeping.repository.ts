import type { Executor } from '../executor.js';

/**
 * Deletes up to `max` session credentials that expired or were revoked before `before`, except
 * each user's newest session: its creation is the user's last login. Answers how many.
 */
export async function deleteEndedSessions(db: Executor, before: number, max: number): Promise<number> {
  const ended = db
    .selectFrom('credentials as c')
    .select('c.id')
    .where('c.kind', '=', 'session')
    .where((eb) => eb.or([eb('c.expires_at', '<', before), eb('c.revoked_at', '<', before)]))
    .where((eb) =>
      eb.or([
        eb('c.user_id', 'is', null),
        eb(
          'c.created_at',
          '<',
          eb
            .selectFrom('credentials as newest')
            .select((n) => n.fn.max('newest.created_at').as('at'))
            .where('newest.kind', '=', 'session')
            .whereRef('newest.user_id', '=', 'c.user_id'),
        ),
      ]),
    )
    .limit(max);
  const result = await db.deleteFrom('credentials').where('id', 'in', ended).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes up to `max` idempotency keys created before `before`; answers how many. */
export async function deleteIdempotencyKeysBefore(
  db: Executor,
  before: number,
  max: number,
): Promise<number> {
  const old = db
    .selectFrom('idempotency_keys')
    .select(['tenant_id', 'key'])
    .where('created_at', '<', before)
    .limit(max);
  const result = await db
    .deleteFrom('idempotency_keys')
    .where((eb) => eb(eb.refTuple('tenant_id', 'key'), 'in', old.$asTuple('tenant_id', 'key')))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes up to `max` attempt windows that started before `before`; answers how many. */
export async function deleteAttemptWindowsBefore(db: Executor, before: number, max: number): Promise<number> {
  const old = db.selectFrom('attempt_counts').select('key').where('window_start', '<', before).limit(max);
  const result = await db.deleteFrom('attempt_counts').where('key', 'in', old).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes up to `max` used signatures whose window ended before `before`; answers how many. */
export async function deleteUsedSignaturesBefore(db: Executor, before: number, max: number): Promise<number> {
  const old = db
    .selectFrom('used_signatures')
    .select(['credential_id', 'signature_hash'])
    .where('expires_at', '<', before)
    .limit(max);
  const result = await db
    .deleteFrom('used_signatures')
    .where((eb) =>
      eb(
        eb.refTuple('credential_id', 'signature_hash'),
        'in',
        old.$asTuple('credential_id', 'signature_hash'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
