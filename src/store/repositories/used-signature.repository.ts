import type { Executor } from '../executor.js';

/**
 * Records the first use of a signature; answers false when it was used before (and is still in
 * its window). One statement: of two requests presenting it at once, one wins.
 */
export async function claimSignature(
  db: Executor,
  used: { credentialId: string; signatureHash: string; expiresAt: number },
): Promise<boolean> {
  const result = await db
    .insertInto('used_signatures')
    .values({
      credential_id: used.credentialId,
      signature_hash: used.signatureHash,
      expires_at: used.expiresAt,
    })
    .onConflict((oc) => oc.columns(['credential_id', 'signature_hash']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Deletes up to `max` signatures whose window ended before `before`; answers how many. */
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
