import type { ListParams, Page } from '../../store/query/list-page.js';
import * as assignments from '../../store/repositories/assignment.repository.js';
import type { AssignmentChanges } from '../../store/codecs/assignment.codec.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../store/executor.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { ConcurrentWrite, inTransaction } from '../transaction.js';
import { audited, recordAudit, recordAudits, type AuditedChange } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { Assignment } from '../model/assignment.js';
import type { Instant } from '../model/time.js';
import { requireProfile } from './profile.service.js';
import { getPlacedTenant } from './tenant.service.js';
import { getUser } from './user.service.js';
import { writeAtVersion } from './versioning.js';

/** An assignment request in domain terms: instants already parsed by the API that received it. */
export interface AssignInput {
  profileId: string;
  userId: string;
  /** Defaults to the acting tenant. */
  scopeTenantId?: string | undefined;
  includeDescendants?: boolean | undefined;
  validFrom?: Instant | null | undefined;
  validUntil?: Instant | null | undefined;
}

export interface AssignOutcome {
  assignment: Assignment;
  /** false when an existing (profile, user, scope) assignment had its window updated instead. */
  created: boolean;
}

export function checkWindow(from: Instant | null, until: Instant | null): void {
  if (from !== null && until !== null && until <= from) {
    throw new DomainError(
      'assignment.invalid_window',
      'validUntil must be after validFrom (the end is exclusive)',
      [{ pointer: '/validUntil', detail: 'must be after validFrom' }],
    );
  }
}

export async function getAssignment(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Assignment> {
  const assignment = await assignments.findAssignment(ctx.db, tenant.id, id);
  if (!assignment) throw new DomainError('assignment.not_found', `assignment ${id} does not exist`);
  return assignment;
}

export async function listAssignments(
  ctx: CoreContext,
  tenant: ActingTenant,
  selection: assignments.AssignmentSelection,
  params: ListParams,
): Promise<Page<Assignment>> {
  if (selection.profileId !== undefined) await requireProfile(ctx, tenant, selection.profileId);
  if (selection.userId !== undefined) await getUser(ctx, tenant, selection.userId);
  return assignments.listAssignments(ctx.db, tenant.id, selection, params);
}

/** What assigning gives every user it is for: the profile, in one scope, for one window. */
export interface AssignmentTerms {
  profileId: string;
  /** A tenant already found in the acting subtree. */
  scopeTenantId: string;
  /** Absent: false for a new assignment, unchanged for an existing one. */
  includeDescendants?: boolean | undefined;
  validFrom: Instant | null;
  validUntil: Instant | null;
}

/** One user's assignment after assigning, and the audit event that records it. */
export interface AssignedUser extends AssignOutcome {
  userId: string;
  audit: AuditedChange;
}

/**
 * Assigns the profile on `terms` to each of `userIds` (distinct users of the tenant, already
 * checked), as set operations in the caller's transaction: one read of the assignments they
 * already have there, then one multi-row insert of the new ones and one update of the existing
 * ones per chunk. Re-assigning a user updates the existing assignment's window (and its reach,
 * when asked) and moves its version. A concurrent write to the same assignments is a lost race
 * (ConcurrentWrite): the transaction runs again. Answers each user's assignment, in the users'
 * order, with the audit event for the caller to record.
 */
export async function assignUsers(
  tx: CoreContext,
  tenant: ActingTenant,
  terms: AssignmentTerms,
  userIds: readonly string[],
  newIdFor: (userId: string) => string = () => newId(),
): Promise<AssignedUser[]> {
  const { profileId, scopeTenantId } = terms;
  const held = new Map(
    (await assignments.findAssignmentsOfUsers(tx.db, tenant.id, userIds, { profileId, scopeTenantId })).map(
      (a) => [a.userId, a],
    ),
  );
  const now = tx.now();
  // Re-assigning asks no precondition: the window applies to the assignment just read.
  const changes: AssignmentChanges = {
    validFrom: terms.validFrom,
    validUntil: terms.validUntil,
    ...(terms.includeDescendants !== undefined && { includeDescendants: terms.includeDescendants }),
    updatedAt: now,
    updatedBy: tx.actor,
  };
  const done = userIds.map((userId): AssignedUser => {
    const existing = held.get(userId);
    if (existing) {
      const after = { ...existing, ...changes, version: existing.version + 1 };
      return {
        userId,
        assignment: after,
        created: false,
        audit: auditOf('update', after.id, existing, after),
      };
    }
    const created: Assignment = {
      id: newIdFor(userId),
      tenantId: tenant.id,
      profileId,
      userId,
      scopeTenantId,
      includeDescendants: terms.includeDescendants ?? false,
      validFrom: terms.validFrom,
      validUntil: terms.validUntil,
      createdAt: now,
      createdBy: tx.actor,
      updatedAt: now,
      updatedBy: tx.actor,
      version: 1,
    };
    return {
      userId,
      assignment: created,
      created: true,
      audit: auditOf('create', created.id, undefined, created),
    };
  });
  const race = () => new ConcurrentWrite(`assignments of profile ${profileId}`);
  if (!(await assignments.updateAssignmentsAtVersions(tx.db, tenant.id, [...held.values()], changes))) {
    throw race();
  }
  // Inserted in the order of their users, so that concurrent bulk writes take their locks in one order.
  const inserts = done.filter((d) => d.created).map((d) => d.assignment);
  inserts.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  try {
    await assignments.insertAssignments(tx.db, inserts);
  } catch (error) {
    // A concurrent assign inserted one of them first: run again, and update that one. Or a user
    // or the profile was deleted since it was read: run again, and find it gone (a 404).
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) throw race();
    throw error;
  }
  return done;
}

/**
 * Assigns a profile to a user for a window. The profile and the user belong to the acting tenant;
 * the scope is that tenant or one below it. Re-assigning the same (profile, user, scope) updates
 * the existing assignment's window instead of adding a second one.
 */
export async function assign(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: AssignInput,
  id: string = newId(),
): Promise<AssignOutcome> {
  const from = input.validFrom ?? null;
  const until = input.validUntil ?? null;
  checkWindow(from, until);
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    await getUser(tx, tenant, input.userId);
    const scope =
      input.scopeTenantId === undefined ? tenant : await getPlacedTenant(tx, tenant, input.scopeTenantId);
    const terms = {
      profileId: input.profileId,
      scopeTenantId: scope.id,
      includeDescendants: input.includeDescendants,
      validFrom: from,
      validUntil: until,
    };
    const [done] = await assignUsers(tx, tenant, terms, [input.userId], () => id);
    await recordAudit(tx, tenant, done!.audit);
    return { assignment: done!.assignment, created: done!.created };
  });
}

export interface WindowChange {
  includeDescendants?: boolean | undefined;
  validFrom?: Instant | null | undefined;
  validUntil?: Instant | null | undefined;
}

export async function changeAssignment(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  change: WindowChange,
  expectedVersion?: number,
): Promise<Assignment> {
  const before = (tx: CoreContext) => getAssignment(tx, tenant, id);
  return audited(ctx, tenant, { type: 'assignment', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `assignment ${id}`,
      () => getAssignment(tx, tenant, id),
      expectedVersion,
      (current, version) => {
        const from = change.validFrom === undefined ? current.validFrom : change.validFrom;
        const until = change.validUntil === undefined ? current.validUntil : change.validUntil;
        checkWindow(from, until);
        return assignments.updateAssignment(tx.db, tenant.id, current, version, {
          validFrom: from,
          validUntil: until,
          ...(change.includeDescendants !== undefined && { includeDescendants: change.includeDescendants }),
          updatedAt: ctx.now(),
          updatedBy: ctx.actor,
        });
      },
    );
    return getAssignment(tx, tenant, id);
  });
}

export async function deleteAssignment(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getAssignment(tx, tenant, id);
  await audited(ctx, tenant, { type: 'assignment', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `assignment ${id}`,
      () => getAssignment(tx, tenant, id),
      expectedVersion,
      (current, version) => assignments.deleteAssignment(tx.db, tenant.id, current, version),
    );
  });
}

/**
 * The profile's assignments of each of `userIds` (in one scope, or in any), oldest first, in one
 * query per chunk of users; a user without one is absent.
 */
export async function assignmentsHeld(
  tx: CoreContext,
  tenant: ActingTenant,
  profileId: string,
  userIds: readonly string[],
  scopeTenantId?: string,
): Promise<Map<string, Assignment[]>> {
  const held = new Map<string, Assignment[]>();
  for (const a of await assignments.findAssignmentsOfUsers(tx.db, tenant.id, userIds, {
    profileId,
    scopeTenantId,
  })) {
    held.set(a.userId, [...(held.get(a.userId) ?? []), a]);
  }
  return held;
}

/**
 * Removes assignments as they were read, in one statement per chunk in the caller's transaction;
 * one changed or removed meanwhile is a lost race (ConcurrentWrite). Record each one's
 * `removalAudit`.
 */
export async function removeAssignments(
  tx: CoreContext,
  tenant: ActingTenant,
  removed: readonly Assignment[],
): Promise<void> {
  if (!(await assignments.deleteAssignmentsAtVersions(tx.db, tenant.id, removed))) {
    throw new ConcurrentWrite(`assignments of profile ${removed[0]!.profileId}`);
  }
}

/**
 * Moves the end of an assignment's window (a check-out's, extended or checked in) in the
 * caller's transaction, on condition of the version it was read at: a change meanwhile is a lost
 * race (ConcurrentWrite). Unlike changeAssignment, an end at the window's start is taken (a
 * check-in in the millisecond of its check-out leaves an empty window). Answers the audit event.
 */
export async function moveAssignmentEnd(
  tx: CoreContext,
  tenant: ActingTenant,
  assignment: Assignment,
  validUntil: Instant,
): Promise<AuditedChange> {
  const changes = { validUntil, updatedAt: tx.now(), updatedBy: tx.actor };
  if (!(await assignments.updateAssignment(tx.db, tenant.id, assignment, assignment.version, changes))) {
    throw new ConcurrentWrite(`assignment ${assignment.id}`);
  }
  const after = { ...assignment, ...changes, version: assignment.version + 1 };
  return auditOf('update', assignment.id, assignment, after);
}

/** The audit event of an assignment's removal. */
export const removalAudit = (removed: Assignment): AuditedChange =>
  auditOf('delete', removed.id, removed, undefined);

/** Removes the profile from the user (in one scope, or all); answers the assignments removed. */
export async function revoke(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: { profileId: string; userId: string; scopeTenantId?: string | undefined },
): Promise<Assignment[]> {
  return inTransaction(ctx, async (tx) => {
    await requireProfile(tx, tenant, input.profileId);
    await getUser(tx, tenant, input.userId);
    if (input.scopeTenantId !== undefined) await getPlacedTenant(tx, tenant, input.scopeTenantId);
    const held = await assignmentsHeld(tx, tenant, input.profileId, [input.userId], input.scopeTenantId);
    const removed = held.get(input.userId) ?? [];
    await removeAssignments(tx, tenant, removed);
    await recordAudits(tx, tenant, removed.map(removalAudit));
    return removed;
  });
}

function auditOf(
  verb: string,
  id: string,
  before: Assignment | undefined,
  after: Assignment | undefined,
): AuditedChange {
  return { action: `assignment.${verb}`, targetType: 'assignment', targetId: id, before, after };
}
