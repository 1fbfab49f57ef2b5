import type { ListParams, Page } from '../../store/query/list-page.js';
import * as groups from '../../store/repositories/group.repository.js';
import { findUsers } from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { audited } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { Group } from '../model/user.js';
import type { GroupCreate, GroupPatch } from '../schemas/user.schema.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'group.name_in_use' as const,
    message: `group name "${name}" is already in use in this tenant`,
  },
];

export async function getGroup(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Group> {
  const group = await groups.findGroup(ctx.db, tenant.id, id);
  if (!group) throw new DomainError('group.not_found', `group ${id} does not exist`);
  return group;
}

export async function listGroups(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Group>> {
  return groups.listGroups(ctx.db, tenant.id, params);
}

/** Members must be users of the group's own tenant; an unknown id is named in the error. */
async function checkMembers(
  ctx: CoreContext,
  tenant: ActingTenant,
  memberIds: readonly string[],
): Promise<void> {
  const found = new Set((await findUsers(ctx.db, tenant.id, memberIds)).map((u) => u.id));
  const missing = memberIds.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new DomainError(
      'reference.not_found',
      `member ${memberIds[missing]} is not a user of this tenant`,
      [{ pointer: `/memberIds/${missing}`, detail: 'no such user' }],
    );
  }
}

export async function createGroup(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: GroupCreate,
  id: string = newId(),
): Promise<Group> {
  return audited(ctx, tenant, { type: 'group', id, verb: 'create' }, async (tx) => {
    const memberIds = input.memberIds ?? [];
    await checkMembers(tx, tenant, memberIds);
    const now = ctx.now();
    await withUniqueRules(
      () =>
        groups.insertGroup(tx.db, {
          id,
          tenantId: tenant.id,
          name: input.name,
          description: input.description ?? null,
          provider: input.provider ?? null,
          sid: input.sid ?? null,
          fqdn: null,
          directoryId: null,
          externalId: null,
          vanishedAt: null,
          memberIds,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      nameInUse(input.name),
    );
    return getGroup(tx, tenant, id);
  });
}

export async function updateGroup(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: GroupPatch,
  expectedVersion?: number,
): Promise<Group> {
  const before = (tx: CoreContext) => getGroup(tx, tenant, id);
  return audited(ctx, tenant, { type: 'group', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `group ${id}`,
      () => getGroup(tx, tenant, id),
      expectedVersion,
      async (group, version) => {
        if (patch.memberIds !== undefined) await checkMembers(tx, tenant, patch.memberIds);
        return withUniqueRules(
          () => groups.updateGroup(tx.db, tenant.id, id, version, { ...patch, updatedAt: ctx.now() }),
          nameInUse(patch.name ?? group.name),
        );
      },
    );
    return getGroup(tx, tenant, id);
  });
}

export async function deleteGroup(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getGroup(tx, tenant, id);
  await audited(ctx, tenant, { type: 'group', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `group ${id}`,
      () => getGroup(tx, tenant, id),
      expectedVersion,
      (_group, version) => groups.deleteGroup(tx.db, tenant.id, id, version),
    );
  });
}
