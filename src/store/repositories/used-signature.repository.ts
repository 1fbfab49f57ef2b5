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
