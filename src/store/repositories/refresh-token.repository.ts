import type { Executor } from '../executor.js';

/**
 * Replaces a session's refresh token: the session answers to `newHash` from now on, and the
 * used one (`usedHash`) is remembered. False when the session no longer holds `usedHash` (a
 * concurrent refresh rotated it first).
 */
export async function rotateRefreshToken(
  db: Executor,
  credentialId: string,
  usedHash: string,
  newHash: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('credentials')
    .set({ secret_hash: newHash })
    .where('id', '=', credentialId)
    .where('secret_hash', '=', usedHash)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db
    .insertInto('rotated_refresh_tokens')
    .values({ hash: usedHash, credential_id: credentialId, rotated_at: at })
    .execute();
  return true;
}

/** The session a used refresh token belonged to, if `hash` is one. */
export async function findRotatedRefreshToken(db: Executor, hash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('rotated_refresh_tokens')
    .select('credential_id')
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row?.credential_id;
}
