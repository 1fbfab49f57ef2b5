import { Compile } from 'typebox/compile';
import { insertCheckout, updateCheckout } from '../../store/repositories/checkout.repository.js';
import {
  restoreAccountNumber,
  restoreDirectoryTie,
  restoreLabelValueIds,
  restoreLastSync,
  restorePermissionVersionTimes,
  restoreStamps,
  type DirectoryTie,
  type StampedTable,
  type Stamps,
} from '../../store/repositories/snapshot.repository.js';
import { recordAudit } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Checkout } from '../model/checkout.js';
import { fromIso, fromIsoOrNull } from '../model/time.js';
import * as assignments from '../services/assignment.service.js';
import * as permissions from '../services/catalog-permission.service.js';
import { checkoutAudit } from '../services/checkout.service.js';
import * as directories from '../services/directory.service.js';
import * as groups from '../services/group.service.js';
import * as labels from '../services/label.service.js';
import { addPermissionVersion } from '../services/permission-versions.service.js';
import { versionVariables } from '../services/permission-version.js';
import * as profiles from '../services/profile.service.js';
import * as resourceTypes from '../services/resource-type.service.js';
import * as roles from '../services/role.service.js';
import * as tenants from '../services/tenant.service.js';
import { withUniqueRules } from '../services/unique.js';
import * as users from '../services/user.service.js';
import { inTransaction } from '../transaction.js';
import { TransferDocument, type CheckoutDoc, type SyncReportDoc } from './document.schema.js';
import { exportDocument } from './export.js';

export type ImportAction = 'create' | 'update' | 'unchanged';
export type EntityKind =
  | 'tenants'
  | 'directories'
  | 'users'
  | 'groups'
  | 'roles'
  | 'resourceTypes'
  | 'permissions'
  | 'labels'
  | 'profiles'
  | 'assignments'
  | 'checkouts';

/** The kinds with stamps, and the table each is kept in. */
const stampedTables = {
  tenants: 'tenants',
  directories: 'directories',
  users: 'users',
  groups: 'groups',
  roles: 'roles',
  resourceTypes: 'resource_types',
  permissions: 'catalog_permissions',
  labels: 'labels',
  profiles: 'profiles',
  assignments: 'assignments',
} as const satisfies Record<Exclude<EntityKind, 'checkouts'>, StampedTable>;
type StampedKind = keyof typeof stampedTables;

export interface ImportChange {
  kind: EntityKind;
  id: string;
  action: ImportAction;
}

export interface ImportReport {
  dryRun: boolean;
  changes: ImportChange[];
  counts: Record<ImportAction, number>;
  /** What needs doing after the import: each directory it created waits for its bind password. */
  notes: string[];
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
 * authors and versions are kept. Any failure names the entity and writes nothing. A directory
 * it creates has no bind password (the document holds none) and says so in the notes.
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

/** Runs one entity's write; a DomainError it throws names the entity and its place in the document. */
async function located<T>(kind: EntityKind, index: number, id: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      error.code,
      `${kind}[${index}] (${id}): ${error.message}`,
      error.issues.map((i) => ({ ...i, pointer: `/${kind}/${index}${i.pointer}` })),
    );
  }
}

const conflict = (message: string) => new DomainError('import.conflict', message);

const syncReportOf = (r: SyncReportDoc) => ({
  ...r,
  startedAt: fromIso(r.startedAt),
  finishedAt: fromIso(r.finishedAt),
});

const checkoutOf = (c: CheckoutDoc): Checkout => ({
  ...c,
  checkedOutAt: fromIso(c.checkedOutAt),
  expiresAt: fromIso(c.expiresAt),
  checkedInAt: fromIsoOrNull(c.checkedInAt),
});

async function applyDocument(tx: CoreContext, doc: TransferDocument, dryRun: boolean): Promise<ImportReport> {
  const before = await exportDocument(tx);
  const existing = (kind: EntityKind) =>
    new Map<string, unknown>((before[kind] ?? []).map((e: { id: string }) => [e.id, e]));
  const changes: ImportChange[] = [];
  const notes: string[] = [];
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
    kind: StampedKind,
    entities: readonly E[] | undefined,
    write: (at: CoreContext, entity: E, exists: boolean) => Promise<unknown>,
    extraStamps: (entity: E) => Partial<Stamps> = () => ({}),
  ) => {
    const stored = existing(kind);
    for (const [index, entity] of (entities ?? []).entries()) {
      const exists = stored.has(entity.id);
      const at = { ...tx, now: () => fromIso(entity.createdAt), actor: entity.createdBy ?? 'import' };
      await located(kind, index, entity.id, () => write(at, entity, exists));
      await restoreStamps(tx.db, stampedTables[kind], entity.id, {
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

  /** Ties an account or a group to the directory entry it was synced from, in its own tenant. */
  const restoreTie = async (
    at: CoreContext,
    table: 'users' | 'groups',
    acting: ActingTenant,
    id: string,
    tie: Omit<DirectoryTie, 'vanishedAt'> & { vanishedAt?: string | null | undefined },
  ) => {
    const directoryId = tie.directoryId;
    if (directoryId) {
      try {
        await directories.getDirectory(at, acting, directoryId);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        throw new DomainError(
          'reference.not_found',
          `directory ${directoryId} does not exist in this tenant`,
          [
            {
              pointer: table === 'users' ? '/directory/directoryId' : '/directoryId',
              detail: 'no such directory in the tenant',
            },
          ],
        );
      }
    }
    await withUniqueRules(
      () =>
        restoreDirectoryTie(tx.db, table, id, {
          ...tie,
          vanishedAt: tie.vanishedAt === undefined ? undefined : fromIsoOrNull(tie.vanishedAt),
        }),
      [
        {
          marker: 'directory',
          code: 'import.conflict',
          message: `another ${table === 'users' ? 'account' : 'group'} is synced from the same directory entry (${tie.externalId ?? ''})`,
        },
      ],
    );
  };

  await step(
    'tenants',
    doc.tenants,
    async (at, { id, createdAt: _c, updatedAt: _u, version: _v, accountNumber, ...input }, exists) => {
      await (exists
        ? tenants.updateTenant(at, tenants.wholeInstallation, id, {
            ...input,
            parentId: input.parentId ?? null,
          })
        : tenants.createTenant(at, tenants.wholeInstallation, input, id));
      // Documents written before account numbers were exported have none: the tenant keeps the one drawn.
      if (accountNumber === undefined) return;
      await withUniqueRules(
        () => restoreAccountNumber(tx.db, id, accountNumber),
        [
          {
            marker: 'account_number',
            code: 'import.conflict',
            message: `account number ${accountNumber} is another tenant's in this installation`,
          },
        ],
      );
    },
  );
  await step(
    'directories',
    doc.directories,
    async (
      at,
      { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, lastSync, ...settings },
      exists,
    ) => {
      const acting = await actingFor(tenantId);
      if (exists) await directories.updateDirectorySettings(at, acting, id, settings);
      else {
        await directories.createDirectoryWithoutPassword(at, acting, settings, id);
        notes.push(
          `directory "${settings.name}" (${id}) has no bind password: set it (PATCH /v1/directories/${id} with bindPassword) before it syncs`,
        );
      }
      if (lastSync !== undefined)
        await restoreLastSync(tx.db, id, lastSync === null ? null : syncReportOf(lastSync));
    },
  );
  await step(
    'users',
    doc.users,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, directory, ...input }, exists) => {
      const acting = await actingFor(tenantId);
      const { directoryId, externalId, vanishedAt, ...facts } = directory ?? {};
      const user = { ...input, ...(directory !== undefined && { directory: facts }) };
      await (exists ? users.updateUser(at, acting, id, user) : users.createUser(at, acting, user, id));
      await restoreTie(at, 'users', acting, id, { directoryId, externalId, vanishedAt });
    },
  );
  await step(
    'groups',
    doc.groups,
    async (
      at,
      {
        id,
        tenantId,
        createdAt: _c,
        updatedAt: _u,
        version: _v,
        fqdn,
        directoryId,
        externalId,
        vanishedAt,
        ...input
      },
      exists,
    ) => {
      const acting = await actingFor(tenantId);
      await (exists
        ? groups.updateGroup(at, acting, id, { ...input, memberIds: input.memberIds ?? [] })
        : groups.createGroup(at, acting, input, id));
      await restoreTie(at, 'groups', acting, id, { fqdn, directoryId, externalId, vanishedAt });
    },
  );
  await step(
    'roles',
    doc.roles,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, name, ...fields }, exists) => {
      const acting = await actingFor(tenantId);
      if (!exists) return roles.createRole(at, acting, { name, ...fields }, id);
      const current = await roles.getRole(at, acting, id);
      if (current.name !== name)
        throw conflict(
          `the role is named "${current.name}" here, not "${name}" (a role's name never changes)`,
        );
      return roles.updateRole(at, acting, id, fields);
    },
  );
  await step(
    'resourceTypes',
    doc.resourceTypes,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, ...input }, exists) => {
      const acting = await actingFor(tenantId);
      return exists
        ? resourceTypes.updateResourceType(at, acting, id, input)
        : resourceTypes.createResourceType(at, acting, input, id);
    },
  );
  await step(
    'permissions',
    doc.permissions,
    async (
      at,
      { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, resourceTypeId, versions, ...fields },
      exists,
    ) => {
      const acting = await actingFor(tenantId);
      for (const [i, v] of versions.entries()) {
        if (v.version !== i + 1)
          throw new DomainError(
            'validation.failed',
            `version ${v.version} stands where version ${i + 1} belongs`,
            [{ pointer: `/versions/${i}/version`, detail: `versions are numbered 1, 2, ... oldest first` }],
          );
      }
      let current;
      if (exists) {
        current = await permissions.getPermission(at, acting, id);
        if (current.resourceTypeId !== resourceTypeId)
          throw conflict(
            `the permission is of resource type ${current.resourceTypeId} here (a permission keeps its type)`,
          );
        current = await permissions.updatePermission(at, acting, id, fields);
      } else {
        current = await permissions.createPermission(
          at,
          acting,
          { resourceTypeId, ...fields, variables: versions[0]!.variables },
          id,
        );
      }
      if (current.versions.length > versions.length)
        throw conflict(
          `the permission has ${current.versions.length} versions here, more than the document's ${versions.length}`,
        );
      for (const [i, v] of versions.entries()) {
        const stored = current.versions[i];
        if (stored === undefined) {
          await addPermissionVersion({ ...at, now: () => fromIso(v.createdAt) }, acting, id, {
            variables: v.variables,
          });
        } else if (
          JSON.stringify(stored.variables) !==
          JSON.stringify(versionVariables(v.variables, `/versions/${i}/variables`))
        ) {
          throw conflict(
            `version ${v.version} of the permission declares other variables here (versions never change)`,
          );
        }
      }
      await restorePermissionVersionTimes(
        tx.db,
        id,
        versions.map((v) => ({ ...v, createdAt: fromIso(v.createdAt) })),
      );
    },
  );
  await step(
    'labels',
    doc.labels,
    async (at, { id, tenantId, createdAt: _c, updatedAt: _u, version: _v, values, ...fields }, exists) => {
      const acting = await actingFor(tenantId);
      const input = { ...fields, values: values.map(({ name, description }) => ({ name, description })) };
      await (exists ? labels.updateLabel(at, acting, id, input) : labels.createLabel(at, acting, input, id));
      await withUniqueRules(
        () => restoreLabelValueIds(tx.db, id, values),
        [
          {
            marker: 'label_values',
            code: 'import.conflict',
            message: "a value id of the label is another value's",
          },
        ],
      );
    },
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
      throw conflict('an assignment with this id exists for another profile, user or scope');
    }
    return assignments.changeAssignment(at, acting, a.id, {
      ...window,
      includeDescendants: a.includeDescendants ?? false,
    });
  });

  // Check-outs have no stamps of their own: they are written as they are, after their profile
  // and holder (the assignment and the policy they name need not exist any more).
  const storedCheckouts = new Map((before.checkouts ?? []).map((c) => [c.id, c]));
  for (const [index, c] of (doc.checkouts ?? []).entries()) {
    const was = storedCheckouts.get(c.id);
    await located('checkouts', index, c.id, async () => {
      const acting = await actingFor(c.tenantId);
      const at = { ...tx, now: () => fromIso(c.checkedOutAt) };
      await profiles.getProfile(at, acting, c.profileId);
      await users.getUser(at, acting, c.userId);
      const checkout = checkoutOf(c);
      if (was === undefined) {
        await insertCheckout(tx.db, checkout);
        await recordAudit(at, acting, checkoutAudit('create', undefined, checkout));
        return;
      }
      if (
        was.tenantId !== c.tenantId ||
        was.profileId !== c.profileId ||
        was.userId !== c.userId ||
        was.assignmentId !== c.assignmentId ||
        was.policyId !== c.policyId ||
        was.checkedOutAt !== c.checkedOutAt
      ) {
        throw conflict('a check-out with this id exists for another profile, holder, assignment or time');
      }
      if (
        was.expiresAt === c.expiresAt &&
        was.extensionsUsed === c.extensionsUsed &&
        was.checkedInAt === c.checkedInAt
      )
        return;
      await updateCheckout(tx.db, c.tenantId, c.id, checkout);
      await recordAudit(tx, acting, checkoutAudit('update', checkoutOf(was), checkout));
    });
    changes.push({ kind: 'checkouts', id: c.id, action: was === undefined ? 'create' : 'update' });
  }

  // An update that changed nothing is reported as such: compare with the state before.
  const after = await exportDocument(tx);
  for (const change of changes) {
    if (change.action !== 'update') continue;
    const was = (before[change.kind] ?? []).find((e: { id: string }) => e.id === change.id);
    const now = (after[change.kind] ?? []).find((e: { id: string }) => e.id === change.id);
    if (JSON.stringify(was) === JSON.stringify(now)) change.action = 'unchanged';
  }
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const change of changes) counts[change.action] += 1;
  return { dryRun, changes, counts, notes };
}
