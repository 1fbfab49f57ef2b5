import { Compile } from 'typebox/compile';
import { restoreStamps, type Stamps } from '../../store/repositories/snapshot.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { fromIso, fromIsoOrNull } from '../model/time.js';
import * as assignments from '../services/assignment.service.js';
import * as groups from '../services/group.service.js';
import * as profiles from '../services/profile.service.js';
import * as tenants from '../services/tenant.service.js';
import * as users from '../services/user.service.js';
import { inTransaction } from '../transaction.js';
import { TransferDocument } from './document.schema.js';
import { exportDocument } from './export.js';

export type ImportAction = 'create' | 'update' | 'unchanged';
export type EntityKind = 'tenants' | 'users' | 'groups' | 'profiles' | 'assignments';

export interface ImportChange {
  kind: EntityKind;
  id: string;
  action: ImportAction;
}

export interface ImportReport {
  dryRun: boolean;
  changes: ImportChange[];
  counts: Record<ImportAction, number>;
}

const validateDocument = Compile(TransferDocument);

/** Rolls the dry run back once its report is known. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

function parseDocument(raw: unknown): TransferDocument {
  if (validateDocument.Check(raw)) return raw;
  const issues = [...validateDocument.Errors(raw)].slice(0, 20).map((e) => ({
    pointer: e.instancePath,
    detail: e.message,
  }));
  throw new DomainError(
    'validation.failed',
    `not a profiled document: ${issues.map((i) => `${i.pointer} ${i.detail}`).join('; ')}`,
    issues,
  );
}

/**
 * Imports a document (as `profiled export` writes it) in one transaction: entities missing from
 * the database are created, differing ones updated, equal ones left alone; ids, timestamps,
 * authors and versions are kept. Any failure names the entity and writes nothing.
 */
export async function importDocument(
  ctx: CoreContext,
  raw: unknown,
  options: { dryRun: boolean },
): Promise<ImportReport> {
  const doc = parseDocument(raw);
  try {
    return await inTransaction(ctx, async (tx) => {
      const report = await applyDocument(tx, doc, options.dryRun);
      if (options.dryRun) throw new DryRunDone(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  }
}

async function applyDocument(tx: CoreContext, doc: TransferDocument, dryRun: boolean): Promise<ImportReport> {
  const before = await exportDocument(tx);
  const existing = (kind: EntityKind) => new Map<string, unknown>(before[kind].map((e) => [e.id, e]));
  const changes: ImportChange[] = [];
  const actingByTenant = new Map<string, ActingTenant>();
  const actingFor = async (tenantId: string): Promise<ActingTenant> => {
    const known = actingByTenant.get(tenantId);
    if (known) return known;
    const tenant = await tenants.getPlacedTenant(tx, tenants.wholeInstallation, tenantId);
    const acting = { id: tenant.id, path: tenant.path };
    actingByTenant.set(tenantId, acting);
    return acting;
  };

  const step = async <
    E extends {
      id: string;
      createdAt: string;
      updatedAt: string;
      version: number;
      createdBy?: string;
      updatedBy?: string;
    },
  >(
    kind: EntityKind,
    entities: readonly E[],
    write: (at: CoreContext, entity: E, exists: boolean) => Promise<unknown>,
    extraStamps: (entity: E) => Partial<Stamps> = () => ({}),
  ) => {
    const stored = existing(kind);
    for (const [index, entity] of entities.entries()) {
      const exists = stored.has(entity.id);
      const at = { ...tx, now: () => fromIso(entity.createdAt), actor: entity.createdBy ?? 'import' };
      try {
        await write(at, entity, exists);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new DomainError(
          error.code,
          `${kind}[${index}] (${entity.id}): ${error.message}`,
          error.issues.map((i) => ({ ...i, pointer: `/${kind}/${index}${i.pointer}` })),
        );
      }
      await restoreStamps(tx.db, kind, entity.id, {
        createdAt: fromIso(entity.createdAt),
        updatedAt: fromIso(entity.updatedAt),
        version: entity.version,
        createdBy: entity.createdBy,
        updatedBy: entity.updatedBy,
        ...extraStamps(entity),
      });
      changes.push({ kind, id: entity.id, action: exists ? 'update' : 'create' });
    }
  };

  await step(
    'tenants',
    doc.tenants,
    async (at, { id, createdAt: _c, updatedAt: _u, version: _v, ...input }, exists) =>
      exists
        ? tenants.updateTenant(at, tenants.wholeInstallation, id, {
            ...input,
            parentId: input.parentId ?? null,
          })
        : tenants.createTenant(at, tenants.wholeInstallation, input, id),
  );
  await step(
    'users',
    doc.users,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, ...input }, exists) =>
      exists
        ? users.updateUser(at, await actingFor(tenantId), id, input)
        : users.createUser(at, await actingFor(tenantId), input, id),
  );
  await step(
    'groups',
    doc.groups,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, ...input }, exists) =>
      exists
        ? groups.updateGroup(at, await actingFor(tenantId), id, {
            ...input,
            memberIds: input.memberIds ?? [],
          })
        : groups.createGroup(at, await actingFor(tenantId), input, id),
  );
  await step(
    'profiles',
    doc.profiles,
    async (at, p, exists) => {
      const {
        id,
        tenantId,
        createdAt: _c,
        updatedAt: _u,
        version: _v,
        createdBy: _cb,
        updatedBy: _ub,
        lastAccessedAt: _l,
        ...input
      } = p;
      return exists
        ? profiles.updateProfile(at, await actingFor(tenantId), id, input)
        : profiles.createProfile(at, await actingFor(tenantId), input, id);
    },
    (p) => ({ lastAccessedAt: fromIsoOrNull(p.lastAccessedAt ?? null) }),
  );
  await step('assignments', doc.assignments, async (at, a, exists) => {
    const acting = await actingFor(a.tenantId);
    const window = {
      validFrom: fromIsoOrNull(a.validFrom ?? null),
      validUntil: fromIsoOrNull(a.validUntil ?? null),
    };
    if (!exists) {
      return assignments.assign(at, acting, { ...a, ...window }, a.id);
    }
    const current = await assignments.getAssignment(at, acting, a.id);
    if (
      current.profileId !== a.profileId ||
      current.userId !== a.userId ||
      current.scopeTenantId !== a.scopeTenantId
    ) {
      throw new DomainError(
        'import.conflict',
        'an assignment with this id exists for another profile, user or scope',
      );
    }
    return assignments.changeAssignment(at, acting, a.id, {
      ...window,
      includeDescendants: a.includeDescendants ?? false,
    });
  });

  // An update that changed nothing is reported as such: compare with the state before.
  const after = await exportDocument(tx);
  for (const change of changes) {
    if (change.action !== 'update') continue;
    const was = before[change.kind].find((e) => e.id === change.id);
    const now = after[change.kind].find((e) => e.id === change.id);
    if (JSON.stringify(was) === JSON.stringify(now)) change.action = 'unchanged';
  }
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const change of changes) counts[change.action] += 1;
  return { dryRun, changes, counts };
}
