import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { demoDataset } from '../../src/cli/demo/demo-dataset.js';
import { DomainError } from '../../src/core/errors.js';
import { createPermission } from '../../src/core/services/catalog-permission.service.js';
import { checkOut } from '../../src/core/services/checkout.service.js';
import {
  bindPasswordOf,
  createDirectory,
  getDirectory,
  updateDirectory,
  type SecretBox,
} from '../../src/core/services/directory.service.js';
import { createLabel } from '../../src/core/services/label.service.js';
import { addPermissionVersion } from '../../src/core/services/permission-versions.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createResourceType } from '../../src/core/services/resource-type.service.js';
import { createRole } from '../../src/core/services/role.service.js';
import { getPlacedTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import type { TransferDocument } from '../../src/core/transfer/document.schema.js';
import { exportDocument } from '../../src/core/transfer/export.js';
import { importDocument } from '../../src/core/transfer/import.js';
import { restoreDirectoryTie, restoreLastSync } from '../../src/store/repositories/snapshot.repository.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';

/** Seals by wrapping: what a master key does, without one. */
const box: SecretBox = {
  seal: (plain, associatedData) => Buffer.from(JSON.stringify([plain, associatedData])).toString('base64'),
  open: (sealed, associatedData) => {
    const [plain, sealedFor] = JSON.parse(Buffer.from(sealed, 'base64').toString()) as [string, string];
    assert.equal(sealedFor, associatedData);
    return plain;
  },
};

const ctxOf = (db: { db: CoreContext['db'] }): CoreContext => ({ db: db.db, now: Date.now, actor: 'test' });
const at = (ctx: CoreContext, iso: string): CoreContext => ({ ...ctx, now: () => Date.parse(iso) });

async function actingTenant(ctx: CoreContext, id: string): Promise<ActingTenant> {
  const { path } = await getPlacedTenant(ctx, wholeInstallation, id);
  return { id, path };
}

/**
 * The demo installation, plus one of every kind the demo has none of: a directory that synced an
 * account and a group, a role, a resource type with a permission of two versions, a label, and a
 * profile checked out.
 */
async function everyKind(ctx: CoreContext): Promise<void> {
  await importDocument(ctx, demoDataset(Date.parse('2026-06-01T00:00:00Z')), { dryRun: false });
  const demo = await exportDocument(ctx);
  const group = demo.groups[0]!;
  const user = demo.users.find((u) => u.tenantId === group.tenantId)!;
  const tenant = await actingTenant(ctx, user.tenantId);

  const directory = await createDirectory(at(ctx, '2026-06-02T00:00:00Z'), tenant, box, {
    name: 'corp',
    url: 'ldap://ldap.example.org:389',
    bindDn: 'cn=profiled,dc=example,dc=org',
    bindPassword: 'secret',
    baseDn: 'dc=example,dc=org',
    attributes: ['department'],
  });
  await restoreLastSync(ctx.db, directory.id, {
    startedAt: Date.parse('2026-06-02T01:00:00Z'),
    finishedAt: Date.parse('2026-06-02T01:00:02Z'),
    accounts: { read: 1, created: 0, updated: 1, unchanged: 0, vanished: 0, failed: 0 },
    groups: { read: 1, created: 0, updated: 1, unchanged: 0, vanished: 0 },
    failures: [{ dn: 'uid=x,dc=example,dc=org', kind: 'account', reason: 'no username' }],
  });
  await restoreDirectoryTie(ctx.db, 'users', user.id, {
    directoryId: directory.id,
    externalId: 'a5c1-entry',
    vanishedAt: null,
  });
  await restoreDirectoryTie(ctx.db, 'groups', group.id, {
    directoryId: directory.id,
    externalId: 'b7d2-entry',
    vanishedAt: Date.parse('2026-06-03T00:00:00Z'),
    fqdn: 'cn=ops,dc=example,dc=org',
  });

  await createRole(at(ctx, '2026-06-02T02:00:00Z'), tenant, {
    name: 'auditor',
    kind: 'server',
    description: 'reads logs',
    capabilities: ['Reports'],
    permissions: ['read-logs'],
  });
  const type = await createResourceType(at(ctx, '2026-06-02T03:00:00Z'), tenant, { name: 'database' });
  const permission = await createPermission(at(ctx, '2026-06-02T04:00:00Z'), tenant, {
    resourceTypeId: type.id,
    name: 'read-logs',
    isDraft: true,
    variables: [{ name: 'host' }],
  });
  await addPermissionVersion(at(ctx, '2026-06-02T05:00:00Z'), tenant, permission.id, {
    variables: [{ name: 'host' }, { name: 'token', type: 'password' }],
  });
  await createLabel(at(ctx, '2026-06-02T06:00:00Z'), tenant, {
    keyName: 'env',
    values: [{ name: 'prod', description: 'production' }, { name: 'dev' }],
  });

  const profile = await createProfile(at(ctx, '2026-06-02T07:00:00Z'), tenant, {
    name: 'on-call',
    policies: [{ id: 'allow', name: 'Allowed', members: [{ id: user.id, memberType: 'User' }] }],
  });
  await checkOut(
    at(ctx, '2026-06-02T08:00:00Z'),
    tenant,
    { userId: user.id, seesOthers: false, actsForOthers: false },
    profile.id,
  );
}

/** A document as the version before this one wrote it: none of the later arrays and fields. */
function olderFormat(doc: TransferDocument): TransferDocument {
  const {
    directories: _d,
    roles: _r,
    resourceTypes: _t,
    permissions: _p,
    labels: _l,
    checkouts: _c,
    ...older
  } = structuredClone(doc);
  for (const tenant of older.tenants) delete tenant.accountNumber;
  for (const user of older.users) {
    delete user.directory?.directoryId;
    delete user.directory?.externalId;
    delete user.directory?.vanishedAt;
  }
  for (const group of older.groups) {
    delete group.fqdn;
    delete group.directoryId;
    delete group.externalId;
    delete group.vanishedAt;
  }
  return older;
}

const total = (doc: TransferDocument) =>
  doc.tenants.length +
  doc.users.length +
  doc.groups.length +
  doc.profiles.length +
  doc.assignments.length +
  (doc.directories?.length ?? 0) +
  (doc.roles?.length ?? 0) +
  (doc.resourceTypes?.length ?? 0) +
  (doc.permissions?.length ?? 0) +
  (doc.labels?.length ?? 0) +
  (doc.checkouts?.length ?? 0);

for (const kind of testDatabaseKinds()) {
  test(`export -> import into an empty database round-trips exactly [${kind}]`, async () => {
    const source = await openTestDatabase(kind);
    const target = await openTestDatabase(kind);
    try {
      await importDocument(ctxOf(source), demoDataset(Date.parse('2026-06-01T00:00:00Z')), { dryRun: false });
      const exported = await exportDocument(ctxOf(source));
      assert.equal(exported.tenants.length, 5);
      assert.equal(exported.assignments.length, 7);

      const dry = await importDocument(ctxOf(target), exported, { dryRun: true });
      assert.equal(dry.counts.create, 5 + 6 + 1 + 4 + 7);
      assert.equal((await exportDocument(ctxOf(target))).tenants.length, 0, 'a dry run writes nothing');

      await importDocument(ctxOf(target), exported, { dryRun: false });
      assert.deepEqual(await exportDocument(ctxOf(target)), exported);

      const again = await importDocument(ctxOf(target), exported, { dryRun: false });
      assert.deepEqual(again.counts, { create: 0, update: 0, unchanged: 23 });
    } finally {
      await source.close();
      await target.close();
    }
  });

  test(`every kind round-trips: account numbers, directories, catalogs, labels, check-outs [${kind}]`, async () => {
    const source = await openTestDatabase(kind);
    const target = await openTestDatabase(kind);
    try {
      await everyKind(ctxOf(source));
      const exported = await exportDocument(ctxOf(source));
      for (const key of [
        'directories',
        'roles',
        'resourceTypes',
        'permissions',
        'labels',
        'checkouts',
      ] as const)
        assert.equal(exported[key]?.length, 1, key);
      assert.match(exported.tenants[0]!.accountNumber!, /^[0-9]{12}$/);
      assert.equal(exported.permissions![0]!.versions.length, 2);
      assert.equal(exported.labels![0]!.values.length, 2);
      assert.equal(exported.users.filter((u) => u.directory?.directoryId).length, 1);
      assert.equal(exported.groups.filter((g) => g.directoryId).length, 1);
      assert.ok(exported.directories![0]!.lastSync);
      assert.doesNotMatch(JSON.stringify(exported), /secret|bindPassword/, 'no bind password, sealed or not');

      const dry = await importDocument(ctxOf(target), exported, { dryRun: true });
      assert.deepEqual(dry.counts, { create: total(exported), update: 0, unchanged: 0 });
      assert.equal(dry.notes.length, 1);
      assert.equal((await exportDocument(ctxOf(target))).tenants.length, 0, 'a dry run writes nothing');

      const report = await importDocument(ctxOf(target), exported, { dryRun: false });
      assert.match(report.notes[0]!, /directory "corp" .* has no bind password/);
      assert.deepEqual(await exportDocument(ctxOf(target)), exported);

      // The imported directory waits for its password; once given, it binds with it.
      const d = exported.directories![0]!;
      const tenant = await actingTenant(ctxOf(target), d.tenantId);
      const directory = await getDirectory(ctxOf(target), tenant, d.id);
      await assert.rejects(bindPasswordOf(ctxOf(target), box, directory), (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'directory.bind_failed');
        assert.match(error.message, /no bind password .*bindPassword/);
        return true;
      });
      await updateDirectory(ctxOf(target), tenant, box, d.id, { bindPassword: 'again' });
      assert.equal(await bindPasswordOf(ctxOf(target), box, directory), 'again');

      // Into an installation that has it all, nothing changes, and the password set stays.
      const afterPassword = await exportDocument(ctxOf(target));
      const again = await importDocument(ctxOf(target), afterPassword, { dryRun: false });
      assert.deepEqual(again.counts, { create: 0, update: 0, unchanged: total(exported) });
      assert.deepEqual(again.notes, []);
      assert.equal(await bindPasswordOf(ctxOf(target), box, directory), 'again');
    } finally {
      await source.close();
      await target.close();
    }
  });

  test(`a document of the earlier format still imports; tenants get new account numbers [${kind}]`, async () => {
    const source = await openTestDatabase(kind);
    const target = await openTestDatabase(kind);
    try {
      await everyKind(ctxOf(source));
      const exported = await exportDocument(ctxOf(source));
      const older = olderFormat(exported);
      const report = await importDocument(ctxOf(target), older, { dryRun: false });
      assert.equal(report.counts.create, total(older));
      const imported = await exportDocument(ctxOf(target));
      assert.deepEqual(imported.checkouts, []);
      assert.deepEqual(imported.directories, []);
      for (const tenant of imported.tenants) assert.match(tenant.accountNumber!, /^[0-9]{12}$/);
      assert.notDeepEqual(
        imported.tenants.map((t) => t.accountNumber),
        exported.tenants.map((t) => t.accountNumber),
      );
      assert.deepEqual(olderFormat(imported), older);
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

  test(`a bad reference of a later kind is refused, naming it, and nothing is written [${kind}]`, async () => {
    const source = await openTestDatabase(kind);
    const target = await openTestDatabase(kind);
    try {
      await everyKind(ctxOf(source));
      const exported = await exportDocument(ctxOf(source));
      const unknown = '0190b7e4-0000-7000-8000-00000000dead';
      const otherTenant = exported.tenants.find((t) => t.id !== exported.resourceTypes![0]!.tenantId)!;
      const cases: [string, (doc: TransferDocument) => void, RegExp, string][] = [
        [
          'an unknown resource type',
          (d) => (d.permissions![0]!.resourceTypeId = unknown),
          /^permissions\[0\]/,
          'reference.not_found',
        ],
        [
          "another tenant's resource type",
          (d) => (d.permissions![0]!.tenantId = otherTenant.id),
          /^permissions\[0\].*resource type/,
          'reference.not_found',
        ],
        [
          'an unknown directory',
          (d) => (d.users.find((u) => u.directory?.directoryId)!.directory!.directoryId = unknown),
          /^users\[\d+\].*directory/,
          'reference.not_found',
        ],
        [
          'an unknown profile',
          (d) => (d.checkouts![0]!.profileId = unknown),
          /^checkouts\[0\]/,
          'profile.not_found',
        ],
        [
          'an unknown holder',
          (d) => (d.checkouts![0]!.userId = unknown),
          /^checkouts\[0\]/,
          'user.not_found',
        ],
        ['an unknown tenant', (d) => (d.roles![0]!.tenantId = unknown), /^roles\[0\]/, 'tenant.not_found'],
        [
          'an account number twice',
          (d) => (d.tenants[1]!.accountNumber = d.tenants[0]!.accountNumber),
          /^tenants\[1\].*account number/,
          'import.conflict',
        ],
        [
          'a version missing',
          (d) => d.permissions![0]!.versions.shift(),
          /^permissions\[0\].*version 2/,
          'validation.failed',
        ],
      ];
      for (const [what, spoil, message, code] of cases) {
        const doc = structuredClone(exported);
        spoil(doc);
        await assert.rejects(importDocument(ctxOf(target), doc, { dryRun: false }), (error: unknown) => {
          assert.ok(error instanceof DomainError, what);
          assert.equal(error.code, code, `${what}: ${error.message}`);
          assert.match(error.message, message, what);
          return true;
        });
        assert.equal(total(await exportDocument(ctxOf(target))), 0, `${what}: nothing written`);
      }
    } finally {
      await source.close();
      await target.close();
    }
  });
}
