import type { ActingTenant, CoreContext } from '../context.js';
import type { PolicyMember } from '../model/profile.js';
import { DomainError } from '../errors.js';
import { getGroup, listGroups } from './group.service.js';
import { findUsersById, getUser, listUsers } from './user.service.js';

/** A policy member as a request names it: by id, or by name (a username, a group's name). */
export interface MemberRef {
  memberType: PolicyMember['memberType'];
  id?: string | undefined;
  name?: string | undefined;
}

const notFound = (error: unknown) =>
  error instanceof DomainError && (error.code === 'user.not_found' || error.code === 'group.not_found');

/** What `read` answers, or undefined when what it reads does not exist. */
async function orNone<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}

// Filters compare ignoring case: of the names that match so, the one spelled exactly wins.
const CASE_VARIANTS = 20;

/** The group of the tenant with this name. */
async function groupNamed(ctx: CoreContext, tenant: ActingTenant, name: string) {
  const page = await listGroups(ctx, tenant, {
    filter: `name eq ${JSON.stringify(name)}`,
    limit: CASE_VARIANTS,
  });
  return page.rows.find((g) => g.name === name) ?? page.rows[0];
}

/** The user of the tenant with this username. */
async function userNamed(ctx: CoreContext, tenant: ActingTenant, username: string) {
  const page = await listUsers(ctx, tenant, {
    filter: `username eq ${JSON.stringify(username)}`,
    limit: CASE_VARIANTS,
  });
  return page.rows.find((u) => u.username === username) ?? page.rows[0];
}

/**
 * The members a policy stores (by id) for the ones a request names. Users and tags (groups) must
 * exist in the tenant: an unknown one is a 400 naming it. Service identities and tokens are kept
 * by the id given: profiled has no directory of them to check.
 */
export async function resolvePolicyMembers(
  ctx: CoreContext,
  tenant: ActingTenant,
  refs: readonly MemberRef[],
): Promise<PolicyMember[]> {
  const members: PolicyMember[] = [];
  for (const [i, ref] of refs.entries()) {
    const named = ref.id ?? ref.name;
    if (named === undefined) {
      throw new DomainError('validation.failed', `member ${i} names no id and no name`, [
        { pointer: `/members/${i}`, detail: 'names no id and no name' },
      ]);
    }
    let id: string | undefined = named;
    if (ref.memberType === 'User') {
      // By id when an id is given, by username when a name is: a username that reads like
      // another user's id must not stand for that user.
      id =
        ref.id !== undefined
          ? (await orNone(getUser(ctx, tenant, ref.id)))?.id
          : (await userNamed(ctx, tenant, named))?.id;
    } else if (ref.memberType === 'Tag') {
      id =
        ref.id !== undefined
          ? (await orNone(getGroup(ctx, tenant, ref.id)))?.id
          : (await groupNamed(ctx, tenant, named))?.id;
    }
    if (id === undefined) {
      const what = ref.memberType === 'User' ? 'user' : 'tag';
      throw new DomainError('validation.failed', `no ${what} "${named}" in this tenant`, [
        { pointer: `/members/${i}`, detail: `no ${what} "${named}" in this tenant` },
      ]);
    }
    if (!members.some((m) => m.id === id && m.memberType === ref.memberType)) {
      members.push({ id, memberType: ref.memberType });
    }
  }
  return members;
}

/** What each member is called (a username, a group's name); members not found have none. */
export async function memberNames(
  ctx: CoreContext,
  tenant: ActingTenant,
  members: readonly PolicyMember[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const userIds = members.filter((m) => m.memberType === 'User').map((m) => m.id);
  for (const user of await findUsersById(ctx, tenant, userIds)) names.set(user.id, user.username);
  for (const member of members.filter((m) => m.memberType === 'Tag')) {
    const group = await orNone(getGroup(ctx, tenant, member.id));
    if (group) names.set(group.id, group.name);
  }
  return names;
}
