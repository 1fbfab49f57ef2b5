import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { issueCredential } from '../../src/auth/credential.service.js';
import { cleanUp, BATCHES_PER_RUN } from '../../src/auth/housekeeping.js';
import { allScopes } from '../../src/auth/scopes.js';
import { createSealer } from '../../src/auth/seal.js';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { claimSignature } from '../../src/store/repositories/used-signature.repository.js';
import { testPasswordHashCost, unique } from '../support/app.js';
import { forEachDatabase } from '../support/databases.js';

const NOW = Date.UTC(2026, 11, 2);
const WINDOW = 5 * 60_000;

forEachDatabase('used signatures', (db) => {
  const ctx = (): CoreContext => ({ db: db().db, now: () => NOW, actor: 'test' });
  const sealer = createSealer(randomBytes(32));

  /** A new HMAC access key's credential id. */
  async function accessKey() {
    const made = await createTenant(ctx(), wholeInstallation, { code: unique('US'), name: 'us' });
    const issued = await issueCredential(
      ctx(),
      { id: made.id, path: `/${made.id}/` },
      'access_key',
      { name: 'k' },
      { settings: { sealer, passwordHashCost: testPasswordHashCost }, grantable: allScopes },
    );
    return issued.credential.id;
  }
  const signature = () => randomBytes(32).toString('hex');
  const rowsOf = async (credentialId: string) =>
    (
      await db()
        .db.selectFrom('used_signatures')
        .select(['signature_hash', 'expires_at'])
        .where('credential_id', '=', credentialId)
        .orderBy('expires_at')
        .execute()
    ).map((r) => ({ ...r, expires_at: Number(r.expires_at) }));

  test('a signature is claimed once; the same one of another key is its own', async () => {
    const [mine, other] = [await accessKey(), await accessKey()];
    const used = { signatureHash: signature(), expiresAt: NOW + WINDOW };
    assert.equal(await claimSignature(db().db, { credentialId: mine, ...used }), true);
    assert.equal(await claimSignature(db().db, { credentialId: mine, ...used }), false);
    assert.equal(await claimSignature(db().db, { credentialId: other, ...used }), true);
    assert.deepEqual(await rowsOf(mine), [{ signature_hash: used.signatureHash, expires_at: NOW + WINDOW }]);
  });

  test('of many claims of one signature at once, exactly one wins', async () => {
    const credentialId = await accessKey();
    const used = { credentialId, signatureHash: signature(), expiresAt: NOW + WINDOW };
    const won = await Promise.all(Array.from({ length: 8 }, () => claimSignature(db().db, used)));
    assert.equal(won.filter(Boolean).length, 1, JSON.stringify(won));
  });

  test('housekeeping removes ended signatures, batch after batch in one run, and keeps live ones', async () => {
    const credentialId = await accessKey();
    const live = signature();
    await claimSignature(db().db, { credentialId, signatureHash: live, expiresAt: NOW + 1 });
    // Its window ends exactly now: still acceptable at this instant, so it stays.
    const endingNow = signature();
    await claimSignature(db().db, { credentialId, signatureHash: endingNow, expiresAt: NOW });
    for (let i = 0; i < 7; i += 1) {
      await claimSignature(db().db, { credentialId, signatureHash: signature(), expiresAt: NOW - 1 - i });
    }
    const removed = await cleanUp(
      db().db,
      { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 2 },
      NOW,
    );
    assert.ok(removed.usedSignatures >= 7, `more than one batch of 2 in one run: ${removed.usedSignatures}`);
    assert.deepEqual(
      (await rowsOf(credentialId)).map((r) => r.signature_hash),
      [endingNow, live],
    );
  });

  test('one run removes at most BATCHES_PER_RUN batches; the next takes the rest', async () => {
    const credentialId = await accessKey();
    // Whatever earlier tests left ended goes first.
    await cleanUp(db().db, { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 1000 }, NOW);
    const count = BATCHES_PER_RUN + 3;
    await db()
      .db.insertInto('used_signatures')
      .values(
        Array.from({ length: count }, (_, i) => ({
          credential_id: credentialId,
          signature_hash: signature(),
          expires_at: NOW - 1 - i,
        })),
      )
      .execute();
    const policy = { idempotencyTtlMs: 86_400_000, attemptWindowMs: 60_000, batch: 1 };
    assert.equal((await cleanUp(db().db, policy, NOW)).usedSignatures, BATCHES_PER_RUN);
    assert.equal((await cleanUp(db().db, policy, NOW)).usedSignatures, 3);
    assert.deepEqual(await rowsOf(credentialId), []);
  });

  test('a deleted credential takes its used signatures with it', async () => {
    const credentialId = await accessKey();
    await claimSignature(db().db, { credentialId, signatureHash: signature(), expiresAt: NOW + WINDOW });
    await db().db.deleteFrom('credentials').where('id', '=', credentialId).execute();
    assert.deepEqual(await rowsOf(credentialId), []);
  });
});
