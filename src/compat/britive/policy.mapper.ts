import type { Static } from 'typebox';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { DomainError } from '../../core/errors.js';
import type { PolicyMember, ProfilePolicy } from '../../core/model/profile.js';
import { conditionMalformations } from '../../core/services/policy-validity.service.js';
import {
  memberNames,
  resolvePolicyMembers,
  type MemberRef,
} from '../../core/services/policy-members.service.js';
import type { MembersByKind, PolicyBody, PolicyPatchBody, ResourcePolicyDto } from './policy.schemas.js';

type Body = Static<typeof PolicyPatchBody>;

const kinds: readonly [keyof Static<typeof MembersByKind>, PolicyMember['memberType']][] = [
  ['users', 'User'],
  ['tags', 'Tag'],
  ['serviceIdentities', 'ServiceIdentity'],
  ['tokens', 'Token'],
];

/** The members a body names, in either of Britive's forms. */
function memberRefs(members: NonNullable<Body['members']>): MemberRef[] {
  if (Array.isArray(members))
    return members.map((m) => ({ memberType: m.memberType, id: m.id, name: m.name }));
  return kinds.flatMap(([key, memberType]) =>
    (members[key] ?? []).map((m) =>
      typeof m === 'string' ? { memberType, id: m } : { memberType, id: m.id, name: m.name },
    ),
  );
}

/** A condition as an object; Terraform sends its JSON text. Null or absent: none. */
function conditionOf(condition: Body['condition']): Record<string, unknown> | null | undefined {
  if (condition === undefined || condition === null) return condition;
  if (typeof condition !== 'string') return condition;
  if (condition.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(condition);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Refused below, naming the field.
  }
  throw new DomainError('validation.failed', 'condition is neither a JSON object nor its text', [
    { pointer: '/condition', detail: 'must be a JSON object, or the text of one' },
  ]);
}

/** A condition that does not hold together is refused as it is written (an ended window is kept). */
function checked(condition: Record<string, unknown> | null | undefined) {
  const problems = condition ? conditionMalformations(condition) : [];
  if (problems.length > 0) {
    throw new DomainError(
      'validation.failed',
      problems.join('; '),
      problems.map((detail) => ({ pointer: '/condition', detail })),
    );
  }
  return condition;
}

/** A new policy of the body's, with Britive's defaults (active, not a draft, Allow). */
export async function toPolicy(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  body: Static<typeof PolicyBody>,
): Promise<ProfilePolicy> {
  return {
    id,
    name: body.name,
    description: body.description ?? null,
    isActive: body.isActive ?? true,
    isDraft: body.isDraft ?? false,
    isReadOnly: body.isReadOnly ?? false,
    accessType: body.accessType ?? 'Allow',
    condition: checked(conditionOf(body.condition)) ?? null,
    members: await resolvePolicyMembers(ctx, tenant, memberRefs(body.members ?? [])),
    resourceLabels: body.resourceLabels ?? {},
  };
}

/**
 * A policy after an update: the fields the body gives replace theirs. A `condition` of null is
 * "not given", as Britive's SDK sends it when the caller passes none.
 */
export async function updatedPolicy(
  ctx: CoreContext,
  tenant: ActingTenant,
  current: ProfilePolicy,
  body: Body,
): Promise<ProfilePolicy> {
  const condition = checked(conditionOf(body.condition));
  return {
    ...current,
    ...(body.name !== undefined && { name: body.name }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.isActive !== undefined && { isActive: body.isActive }),
    ...(body.isDraft !== undefined && { isDraft: body.isDraft }),
    ...(body.isReadOnly !== undefined && { isReadOnly: body.isReadOnly }),
    ...(body.accessType !== undefined && { accessType: body.accessType }),
    ...(condition !== undefined && condition !== null && { condition }),
    ...(body.members !== undefined && {
      members: await resolvePolicyMembers(ctx, tenant, memberRefs(body.members)),
    }),
    ...(body.resourceLabels !== undefined &&
      body.resourceLabels !== null && { resourceLabels: body.resourceLabels }),
  };
}

/**
 * Policies as Britive shows them, their members' names read once for all of them; `compact`:
 * members without their names.
 */
export async function toResourcePolicyDtos(
  ctx: CoreContext,
  tenant: ActingTenant,
  policies: readonly ProfilePolicy[],
  compact = false,
): Promise<Static<typeof ResourcePolicyDto>[]> {
  const names = compact
    ? new Map<string, string>()
    : await memberNames(
        ctx,
        tenant,
        policies.flatMap((p) => p.members),
      );
  return policies.map((policy) => policyDto(policy, names));
}

function policyDto(
  policy: ProfilePolicy,
  names: ReadonlyMap<string, string>,
): Static<typeof ResourcePolicyDto> {
  return {
    id: policy.id,
    name: policy.name,
    ...(policy.description !== null && { description: policy.description }),
    isActive: policy.isActive,
    isDraft: policy.isDraft,
    isReadOnly: policy.isReadOnly,
    accessType: policy.accessType,
    ...(policy.condition !== null && { condition: policy.condition }),
    consumer: 'resourcemanager',
    members: policy.members.map((m) => {
      const name = names.get(m.id);
      return { id: m.id, ...(name !== undefined && { name }), memberType: m.memberType };
    }),
    resourceLabels: policy.resourceLabels,
  };
}

/** The profile's policy with this id, or else this name; 404 otherwise. */
export function policyOf(policies: readonly ProfilePolicy[], ref: string): ProfilePolicy {
  const found = policies.find((p) => p.id === ref) ?? policies.find((p) => p.name === ref);
  if (!found) throw new DomainError('policy.not_found', `policy ${ref} does not exist`);
  return found;
}
