import { findGroupsOfUser } from '../../store/repositories/group.repository.js';
import { findLastLogins } from '../../store/repositories/last-login.repository.js';
import { listUsersAt } from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Instant } from '../model/time.js';
import type { Group, User } from '../model/user.js';
import { getUser } from './user.service.js';

/** What some vendor APIs show about users beyond the user record: offset pages, groups, last login. */

/** `limit` users from position `start` in username order (offset paging). */
export async function usersAt(
  ctx: CoreContext,
  tenant: ActingTenant,
  start: number,
  limit: number,
): Promise<User[]> {
  return listUsersAt(ctx.db, tenant.id, start, limit);
}

/** The groups of the tenant the user is a member of, by name. */
export async function groupsOfUser(ctx: CoreContext, tenant: ActingTenant, userId: string): Promise<Group[]> {
  await getUser(ctx, tenant, userId);
  return findGroupsOfUser(ctx.db, tenant.id, userId);
}

/** When each of these users last signed in (their newest session); absent when never. */
export async function lastLogins(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, Instant>> {
  return findLastLogins(ctx.db, tenant.id, userIds);
}
