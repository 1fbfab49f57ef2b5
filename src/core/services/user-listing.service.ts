import type { OffsetListParams, OffsetPage } from '../../store/query/offset-page.js';
import { findGroupsOfUsers } from '../../store/repositories/group.repository.js';
import { findLastLogins } from '../../store/repositories/last-login.repository.js';
import * as users from '../../store/repositories/user.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Instant } from '../model/time.js';
import type { Group, User } from '../model/user.js';

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
  return users.listUsersByOffset(ctx.db, tenant.id, params);
}

/**
 * Per user, the groups of the tenant they are members of, by name; a user of no group (or not of
 * the tenant) is absent. A constant number of queries, however many users.
 */
export async function groupsOfUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, Group[]>> {
  return findGroupsOfUsers(ctx.db, tenant.id, userIds);
}

/** When each of these users last signed in (their newest session); absent when never. */
export async function lastLogins(
  ctx: CoreContext,
  tenant: ActingTenant,
  userIds: readonly string[],
): Promise<Map<string, Instant>> {
  return findLastLogins(ctx.db, tenant.id, userIds);
}
