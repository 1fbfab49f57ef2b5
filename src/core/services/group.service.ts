import type { ListParams, Page } from '../../store/query/list-page.js';
import * as groups from '../../store/repositories/group.repository.js';
import { findUsers } from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { audited } from '../audit/audit.service.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { groupFromRow } from '../mappers/user.mapper.js';
import type { Group } from '../model/user.js';
import type { GroupCreate, GroupPatch } from '../schemas/user.schema.js';
import { withUniqueRules } from './unique.js';
import { checkVersion, concurrentChange } from './versioning.js';

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'group.name_in_use' as const,
    message: `group name "${name}" is already in use in this tenant`,
  },
];

async function getGroupRow(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<groups.GroupRow> {
  const row = await groups.findGroup(ctx.db, tenant.id, id);
  if (!row) throw new DomainError('group.not_found', `group ${id} does not exist`);
  return row;
}

export async function getGroup(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Group> {
  const row = await getGroupRow(ctx, tenant, id);
  const members = await groups.findGroupMembers(ctx.db, [id]);
  return groupFromRow(row, members.get(id) ?? []);
}

export async function listGroups(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Group>> {
  const page = await groups.listGroups(ctx.db, tenant.id, params);
  const members = await groups.findGroupMembers(
    ctx.db,
    page.rows.map((r) => r.id),
  );
  return { ...page, rows: page.rows.map((row) => groupFromRow(row, members.get(row.id) ?? [])) };
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
    const trx = tx.db;
    const members = input.memberIds ?? [];
    await checkMembers(tx, tenant, members);
    const now = ctx.now();
    await withUniqueRules(
      () =>
        groups.insertGroup(trx, {
          id,
          tenant_id: tenant.id,
          name: input.name,
          description: input.description ?? null,
          provider: input.provider ?? null,
          sid: input.sid ?? null,
          created_at: now,
          updated_at: now,
          version: 1,
        }),
      nameInUse(input.name),
    );
    await groups.replaceGroupMembers(trx, id, members);
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
    const trx = tx.db;
    const row = await getGroupRow(tx, tenant, id);
    const version = checkVersion(`group ${id}`, row.version, expectedVersion);
    if (patch.memberIds !== undefined) {
      await checkMembers(tx, tenant, patch.memberIds);
      await groups.replaceGroupMembers(trx, id, patch.memberIds);
    }
    const changed = await withUniqueRules(
      () =>
        groups.updateGroup(trx, tenant.id, id, version, {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.provider !== undefined && { provider: patch.provider }),
          ...(patch.sid !== undefined && { sid: patch.sid }),
          updated_at: ctx.now(),
        }),
      nameInUse(patch.name ?? row.name),
    );
    if (!changed) throw concurrentChange(`group ${id}`);
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
    const row = await getGroupRow(tx, tenant, id);
    const version = checkVersion(`group ${id}`, row.version, expectedVersion);
    if (!(await groups.deleteGroup(tx.db, tenant.id, id, version))) throw concurrentChange(`group ${id}`);
  });
}
