import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CoreContext } from '../../src/core/context.js';
import { demoDataset } from '../../src/cli/demo/demo-dataset.js';
import { DomainError } from '../../src/core/errors.js';
import { exportDocument } from '../../src/core/transfer/export.js';
import { importDocument } from '../../src/core/transfer/import.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';

for (const kind of testDatabaseKinds()) {
  test(`export -> import into an empty database round-trips exactly [${kind}]`, async () => {
    const source = await openTestDatabase(kind);
    const target = await openTestDatabase(kind);
    try {
      const ctx = (db: typeof source): CoreContext => ({ db: db.db, now: Date.now, actor: 'test' });
      await importDocument(ctx(source), demoDataset(Date.parse('2026-06-01T00:00:00Z')), { dryRun: false });
      const exported = await exportDocument(ctx(source));
      assert.equal(exported.tenants.length, 5);
      assert.equal(exported.assignments.length, 7);

      const dry = await importDocument(ctx(target), exported, { dryRun: true });
      assert.equal(dry.counts.create, 5 + 6 + 1 + 4 + 7);
      assert.equal((await exportDocument(ctx(target))).tenants.length, 0, 'a dry run writes nothing');

      await importDocument(ctx(target), exported, { dryRun: false });
      assert.deepEqual(await exportDocument(ctx(target)), exported);

      const again = await importDocument(ctx(target), exported, { dryRun: false });
      assert.deepEqual(again.counts, { create: 0, update: 0, unchanged: 23 });
    } finally {
      await source.close();
      await target.close();
    }
  });

  test(`an invalid document is refused, naming the entity, and nothing is written [${kind}]`, async () => {
    const db = await openTestDatabase(kind);
    try {
      const ctx: CoreContext = { db: db.db, now: Date.now, actor: 'test' };
      const doc = demoDataset(Date.now());
      doc.assignments[2]!.userId = '0190b7e4-0000-7000-8000-00000000dead';
      await assert.rejects(importDocument(ctx, doc, { dryRun: false }), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.match(error.message, /^assignments\[2\]/);
        return true;
      });
      assert.equal((await exportDocument(ctx)).tenants.length, 0);
      await assert.rejects(importDocument(ctx, { format: 'other' }, { dryRun: false }), DomainError);
    } finally {
      await db.close();
    }
  });
}
