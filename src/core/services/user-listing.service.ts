import type { OffsetListParams, OffsetPage } from '../../store/query/offset-page.js';
import { findGroupsOfUser, findGroupMembers } from '../../store/repositories/group.repository.js';
import { findLastLogins } from '../../store/repositories/last-login.repository.js';
import * as users from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { groupFromRow, userFromRow } from '../mappers/user.mapper.js';
import type { Instant } from '../model/time.js';
import type { Group, User } from '../model/user.js';
import { mapPage } from './page.js';
import { getUserRow } from './user.service.js';

/**
 * Users as vendor APIs list them: pages by offset, and what such a listing shows beside each
 * user record (the user's groups, when they last signed in).
 */

/** The tenant's users paged by offset, in username order unless sorted otherwise. */
export async function listUsersByOffset(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: OffsetListParams,
): Promise<OffsetPage<User>> {
  return mapPage(await users.listUsersByOffset(ctx.db, tenant.id, params), userFromRow);
}

/** The groups of the tenant the user is a member of, by name. */
export async function groupsOfUser(ctx: CoreContext, tenant: ActingTenant, userId: string): Promise<Group[]> {
  await getUserRow(ctx, tenant, userId);
  const rows = await findGroupsOfUser(ctx.db, tenant.id, userId);
  const members = await findGroupMembers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => groupFromRow(row, members.get(row.id) ?? []));
}

/** When each of these users last signed in (their newest session); absent when never. */
export async function lastLogins(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, Instant>> {
  return findLastLogins(ctx.db, tenant.id, userIds);
}
