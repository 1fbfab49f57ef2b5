import type { ListParams, Page } from '../../store/query/list-page.js';
import * as assignments from '../../store/repositories/assignment.repository.js';
import { isUniqueViolation } from '../../store/executor.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { ConcurrentWrite, inTransaction } from '../transaction.js';
import { audited, recordAudit } from '../audit/audit.service.js';
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
    const key = { profileId: input.profileId, userId: input.userId, scopeTenantId: scope.id };
    const existing = await assignments.findAssignmentByKey(tx.db, tenant.id, key);
    const now = ctx.now();
    if (existing) {
      // Re-assigning asks no precondition: the window applies to the assignment just found.
      await writeAtVersion(
        `assignment ${existing.id}`,
        async () => existing,
        undefined,
        (_current, version) =>
          assignments.updateAssignment(tx.db, tenant.id, existing.id, version, {
            validFrom: from,
            validUntil: until,
            ...(input.includeDescendants !== undefined && { includeDescendants: input.includeDescendants }),
            updatedAt: now,
            updatedBy: ctx.actor,
          }),
      );
      const after = await getAssignment(tx, tenant, existing.id);
      await recordAudit(tx, tenant, auditOf('update', existing.id, existing, after));
      return { assignment: after, created: false };
    }
    try {
      await assignments.insertAssignment(tx.db, {
        id,
        tenantId: tenant.id,
        ...key,
        includeDescendants: input.includeDescendants ?? false,
        validFrom: from,
        validUntil: until,
        createdAt: now,
        createdBy: ctx.actor,
        updatedAt: now,
        updatedBy: ctx.actor,
        version: 1,
      });
    } catch (error) {
      // A concurrent identical assign inserted it first: run again, and update that one.
      if (isUniqueViolation(error))
        throw new ConcurrentWrite(`the assignment of ${input.profileId} to ${input.userId}`);
      throw error;
    }
    const created = await getAssignment(tx, tenant, id);
    await recordAudit(tx, tenant, auditOf('create', id, undefined, created));
    return { assignment: created, created: true };
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
        return assignments.updateAssignment(tx.db, tenant.id, id, version, {
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
      (_current, version) => assignments.deleteAssignment(tx.db, tenant.id, id, version),
    );
  });
}

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
    const removed = await assignments.deleteAssignmentsOfUsers(
      tx.db,
      tenant.id,
      input.profileId,
      input.userId,
      input.scopeTenantId,
    );
    for (const assignment of removed) {
      await recordAudit(tx, tenant, auditOf('delete', assignment.id, assignment, undefined));
    }
    return removed;
  });
}

function auditOf(verb: string, id: string, before: Assignment | undefined, after: Assignment | undefined) {
  return { action: `assignment.${verb}`, targetType: 'assignment', targetId: id, before, after };
}
