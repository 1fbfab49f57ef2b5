import { isIP } from 'node:net';
import type { ActingTenant, CoreContext } from '../context.js';
import type { ProfilePolicy } from '../model/profile.js';
import type { Instant } from '../model/time.js';
import { getGroup } from './group.service.js';
import { conditionWindows, windowEnds } from './policy-condition.js';
import { findUsersById } from './user.service.js';
import { DomainError } from '../errors.js';

/** A policy with what makes it no longer valid (none: valid). */
export interface PolicyValidity {
  policy: ProfilePolicy;
  problems: string[];
}

/** An address or a CIDR range, IPv4 or IPv6. */
function isAddressRange(text: string): boolean {
  const [address = '', bits, extra] = text.trim().split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * What does not hold together in a policy's condition: addresses that are no addresses, times
 * that are no times, a time window that ends before it starts. The fields read are `ipAddress`
 * (a comma-separated string or a list), `timeToActivate` and `timeToExpire` (ISO 8601 date-times
 * with a zone), at the top of the condition or inside `timeOfAccess`.
 */
export function conditionMalformations(condition: Record<string, unknown> | null): string[] {
  if (condition === null) return [];
  const problems: string[] = [];
  const ips = condition.ipAddress;
  if (ips !== undefined && ips !== null && ips !== '') {
    const list: unknown[] = Array.isArray(ips) ? ips : typeof ips === 'string' ? ips.split(',') : [ips];
    const bad = list.filter((ip) => typeof ip !== 'string' || !isAddressRange(ip));
    if (bad.length > 0)
      problems.push(`the condition's ipAddress holds what is no address or range: ${bad.join(', ')}`);
  }
  for (const window of conditionWindows(condition)) {
    const [start, end] = windowEnds(window);
    if (Number.isNaN(start))
      problems.push("the condition's timeToActivate is no time (ISO 8601 with a zone)");
    if (Number.isNaN(end)) problems.push("the condition's timeToExpire is no time (ISO 8601 with a zone)");
    if (start !== undefined && end !== undefined && end <= start) {
      problems.push("the condition's time window ends before it starts");
    }
  }
  return problems;
}

/** What is wrong with a policy's condition now: its malformations, or a time window that has ended. */
export function conditionProblems(condition: Record<string, unknown> | null, now: Instant): string[] {
  const malformed = conditionMalformations(condition);
  if (malformed.length > 0) return malformed;
  if (condition === null) return [];
  const ended = conditionWindows(condition).some((window) => {
    const [, end] = windowEnds(window);
    return end !== undefined && end <= now;
  });
  return ended ? ["the condition's time window has ended"] : [];
}

/**
 * Each policy with what makes it no longer valid: a member user that no longer exists in the
 * tenant or is disabled, a tag (group) that no longer exists, a condition that does not hold
 * together or whose time window has ended. Service identities and tokens are not checked.
 */
export async function policyValidity(
  ctx: CoreContext,
  tenant: ActingTenant,
  policies: readonly ProfilePolicy[],
): Promise<PolicyValidity[]> {
  const now = ctx.now();
  const userIds = policies.flatMap((p) => p.members.filter((m) => m.memberType === 'User').map((m) => m.id));
  const users = new Map((await findUsersById(ctx, tenant, userIds)).map((u) => [u.id, u]));
  const groups = new Map<string, boolean>();
  for (const id of new Set(
    policies.flatMap((p) => p.members.filter((m) => m.memberType === 'Tag').map((m) => m.id)),
  )) {
    const exists = await getGroup(ctx, tenant, id).then(
      () => true,
      (error: unknown) => {
        if (error instanceof DomainError && error.code === 'group.not_found') return false;
        throw error;
      },
    );
    groups.set(id, exists);
  }
  return policies.map((policy) => {
    const problems: string[] = [];
    for (const member of policy.members) {
      if (member.memberType === 'User') {
        const user = users.get(member.id);
        if (!user) problems.push(`member user ${member.id} no longer exists`);
        else if (!user.enabled) problems.push(`member user ${user.username} is disabled`);
      } else if (member.memberType === 'Tag' && groups.get(member.id) === false) {
        problems.push(`member tag ${member.id} no longer exists`);
      }
    }
    problems.push(...conditionProblems(policy.condition, now));
    return { policy, problems };
  });
}
