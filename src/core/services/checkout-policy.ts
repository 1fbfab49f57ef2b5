import type { ProfilePolicy } from '../model/profile.js';
import type { Instant } from '../model/time.js';
import { judgeCondition } from './policy-condition.js';

/** Who asks to hold a profile: a user, and the groups it is a member of (policies name groups as tags). */
export interface Requester {
  userId: string;
  groupIds: ReadonlySet<string>;
}

/** What a profile's policies decide: allowed by a policy, refused by a Deny one, or allowed by none. */
export type PolicyDecision =
  { allowed: true; policy: ProfilePolicy } | { allowed: false; policy: ProfilePolicy | null };

/** Only active policies that are not drafts count. */
const inForce = (policy: ProfilePolicy) => policy.isActive && !policy.isDraft;

/** Whether any policy in force names a group: only then are the requester's groups read. */
export const namesGroups = (policies: readonly ProfilePolicy[]): boolean =>
  policies.some((p) => inForce(p) && p.members.some((m) => m.memberType === 'Tag'));

const namesRequester = (policy: ProfilePolicy, requester: Requester) =>
  policy.members.some(
    (m) =>
      (m.memberType === 'User' && m.id === requester.userId) ||
      (m.memberType === 'Tag' && requester.groupIds.has(m.id)),
  );

/**
 * Whether a policy in force matches the requester at `at`: it names the requester (as a User
 * member, or a Tag member that is one of its groups) and its condition allows it. A condition
 * profiled cannot judge never allows: an Allow policy with one does not match, a Deny policy
 * with one does.
 */
function matches(policy: ProfilePolicy, requester: Requester, at: Instant): boolean {
  if (!inForce(policy) || !namesRequester(policy, requester)) return false;
  const verdict = judgeCondition(policy.condition, at);
  return policy.accessType === 'Allow' ? verdict === 'holds' : verdict !== 'fails';
}

/**
 * Decides whether the profile's policies (in their order) let the requester check it out at
 * `at`. `ordered` (the profile's policy ordering): the first policy that matches decides, Allow
 * or Deny. Otherwise any matching Deny refuses, and else any matching Allow allows. Without a
 * matching Allow, nothing allows.
 */
export function decideCheckout(
  policies: readonly ProfilePolicy[],
  ordered: boolean,
  requester: Requester,
  at: Instant,
): PolicyDecision {
  const matching = policies.filter((p) => matches(p, requester, at));
  const deciding = ordered ? matching[0] : (matching.find((p) => p.accessType === 'Deny') ?? matching[0]);
  if (!deciding) return { allowed: false, policy: null };
  return { allowed: deciding.accessType === 'Allow', policy: deciding };
}
