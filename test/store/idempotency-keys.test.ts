import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { DomainError, type DomainErrorCode } from '../../src/core/errors.js';
import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  releaseIdempotencyKey,
} from '../../src/core/services/idempotency.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { expireIdempotencyKeys } from '../../src/store/repositories/idempotency.repository.js';
import { forEachDatabase } from '../support/databases.js';

const RETENTION_HOURS = 24;
const refusedWith = (code: DomainErrorCode) => (error: unknown) =>
  error instanceof DomainError && error.code === code;

forEachDatabase('idempotency keys: claimed once per tenant, replayed, refused, released', (db) => {
  async function aTenant(): Promise<{ ctx: CoreContext; tenant: ActingTenant }> {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const created = await createTenant(ctx, wholeInstallation, {
      code: `I${randomUUID().slice(0, 8)}`,
      name: 'idempotency',
    });
    return { ctx, tenant: { id: created.id, path: `/${created.id}/` } };
  }
  const request = (fingerprint = 'POST /v1/users {"username":"ada"}') => ({ key: randomUUID(), fingerprint });

  test('a retry while the first request runs is refused; once it completed, its answer is replayed', async () => {
    const { ctx, tenant } = await aTenant();
    const first = request();
    assert.equal(await claimIdempotencyKey(ctx, tenant, first, RETENTION_HOURS), undefined);
    await assert.rejects(
      claimIdempotencyKey(ctx, tenant, first, RETENTION_HOURS),
      refusedWith('idempotency.in_progress'),
    );
    const answer = { statusCode: 201, body: '{"id":"u1","username":"ada"}' };
    await completeIdempotentRequest(ctx, tenant, first.key, answer);
    assert.deepEqual(await claimIdempotencyKey(ctx, tenant, first, RETENTION_HOURS), answer);
    assert.deepEqual(await claimIdempotencyKey(ctx, tenant, first, RETENTION_HOURS), answer);
  });

  test('the same key with another request is refused, before and after the first completed', async () => {
    const { ctx, tenant } = await aTenant();
    const first = request();
    const other = { ...first, fingerprint: 'POST /v1/users {"username":"bob"}' };
    await claimIdempotencyKey(ctx, tenant, first, RETENTION_HOURS);
    await assert.rejects(
      claimIdempotencyKey(ctx, tenant, other, RETENTION_HOURS),
      refusedWith('idempotency.key_reused'),
    );
    await completeIdempotentRequest(ctx, tenant, first.key, { statusCode: 201, body: '{}' });
    await assert.rejects(
      claimIdempotencyKey(ctx, tenant, other, RETENTION_HOURS),
      refusedWith('idempotency.key_reused'),
    );
  });

  test('a released key may be claimed again, by a corrected request too', async () => {
    const { ctx, tenant } = await aTenant();
    const failed = request('POST /v1/profiles {"name":""}');
    await claimIdempotencyKey(ctx, tenant, failed, RETENTION_HOURS);
    await releaseIdempotencyKey(ctx, tenant, failed.key);
    const corrected = { ...failed, fingerprint: 'POST /v1/profiles {"name":"ok"}' };
    assert.equal(await claimIdempotencyKey(ctx, tenant, corrected, RETENTION_HOURS), undefined);
  });

  test('each tenant has its own keys', async () => {
    const mine = await aTenant();
    const theirs = await aTenant();
    const shared = request();
    await claimIdempotencyKey(mine.ctx, mine.tenant, shared, RETENTION_HOURS);
    await completeIdempotentRequest(mine.ctx, mine.tenant, shared.key, { statusCode: 201, body: '{}' });
    assert.equal(await claimIdempotencyKey(theirs.ctx, theirs.tenant, shared, RETENTION_HOURS), undefined);
  });

  test('an expired key is forgotten: the same key starts afresh', async () => {
    const { ctx, tenant } = await aTenant();
    const past: CoreContext = { ...ctx, now: () => 1_000 };
    const old = request();
    await claimIdempotencyKey(past, tenant, old, RETENTION_HOURS);
    await completeIdempotentRequest(past, tenant, old.key, { statusCode: 201, body: '{}' });
    assert.ok((await expireIdempotencyKeys(ctx.db, 2_000)) >= 1);
    assert.equal(await claimIdempotencyKey(ctx, tenant, old, RETENTION_HOURS), undefined);
  });
});
