import type { Static } from 'typebox';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import { DomainError, type FieldIssue } from '../../core/errors.js';
import type { Profile } from '../../core/model/profile.js';
import type { Role } from '../../core/model/role.js';
import type { ProfileCreate, ProfilePatch } from '../../core/schemas/profile.schema.js';
import { profilesWithRole, roleNrnsOf, rolesOfIds } from '../../core/services/role.service.js';
import { profileNrn } from './nrn.js';
import {
  DESCRIPTION_MAX_BYTES,
  DURATION,
  PROFILE_NAME,
  type NcpProfile,
  type ProfileCreateBody,
  type ProfilePatchBody,
} from './profile.schemas.js';

/** What a profile is shown with: the tenant's account number and UTC offset. */
export interface Account {
  number: string;
  /** Minutes east of UTC that times are shown in (NCP's +09:00 unless the tenant says otherwise). */
  offsetMinutes: number;
}

const OFFSET = /^([+-])(\d\d):(\d\d)$/;
/** The tenant's `settings.utcOffset` ("+09:00"), else Korea's, as NCP shows its times. */
export function offsetOf(settings: Record<string, unknown>): number {
  const match = typeof settings.utcOffset === 'string' ? OFFSET.exec(settings.utcOffset) : null;
  if (!match) return 9 * 60;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `2024-12-13T14:24:45.128+09:00`: the instant in the offset, with milliseconds. */
export function timeWithOffset(at: number, offsetMinutes: number): string {
  const local = new Date(at + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The profile as NCP shows it. Its roles are the names it carries that the catalog has: a name
 * with no catalog role (given through another API) has no NRN and is not listed.
 */
export async function toNcpProfile(
  ctx: CoreContext,
  tenant: ActingTenant,
  account: Account,
  profile: Profile,
): Promise<Static<typeof NcpProfile>> {
  return {
    profileId: profile.id,
    profileNrn: profileNrn(account.number, profile.id),
    name: profile.name,
    description: profile.description ?? '',
    enabled: profile.enabled,
    durationSeconds: profile.sessionDurationSeconds ?? DURATION.default,
    roleNrnList: await roleNrnsOf(ctx, tenant, account.number, profile.roles),
    createTime: timeWithOffset(profile.createdAt, account.offsetMinutes),
    updateTime: timeWithOffset(profile.updatedAt, account.offsetMinutes),
  };
}

const refused = (issues: FieldIssue[]) =>
  new DomainError('validation.failed', issues.map((i) => i.detail).join('; '), issues);

/** The rules of NCP's fields, every broken one named (an empty list: all kept). */
function fieldIssues(body: {
  name?: string | null | undefined;
  description?: string | null | undefined;
  durationSeconds?: number | null | undefined;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof body.name === 'string' && !PROFILE_NAME.test(body.name))
    issues.push({
      pointer: '/body/name',
      rule: 'name',
      detail: 'name must be 3 to 30 characters of A-Z a-z 0-9 . _ -, starting with a letter',
    });
  if (typeof body.description === 'string' && Buffer.byteLength(body.description) > DESCRIPTION_MAX_BYTES)
    issues.push({
      pointer: '/body/description',
      rule: 'description',
      detail: `description must be at most ${DESCRIPTION_MAX_BYTES} bytes`,
    });
  const d = body.durationSeconds;
  if (typeof d === 'number' && (d < DURATION.min || d > DURATION.max))
    issues.push({
      pointer: '/body/durationSeconds',
      rule: 'durationSeconds',
      detail: `durationSeconds must be from ${DURATION.min} to ${DURATION.max}`,
    });
  return issues;
}

/**
 * The catalog roles of `ids`, each usable by External Access and mapped to no other profile than
 * `profileId` (NCP's rules), as the names the profile will carry; each broken rule names its role.
 */
async function roleNames(
  ctx: CoreContext,
  tenant: ActingTenant,
  ids: readonly string[],
  profileId: string | undefined,
): Promise<string[]> {
  const found = await rolesOfIds(ctx, tenant, ids);
  const issues: FieldIssue[] = [];
  const roles: Role[] = [];
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const pointer = `/body/roleIdList/${i}`;
    const role = found.get(id);
    if (!role) {
      issues.push({ pointer, rule: 'role.exists', detail: `role ${id} does not exist in this account` });
      continue;
    }
    if (role.kind !== 'external-access') {
      issues.push({
        pointer,
        rule: 'role.kind',
        detail: `role ${id} ("${role.name}") is a ${role.kind} role: External Access takes external-access roles`,
      });
      continue;
    }
    const others = (await profilesWithRole(ctx, tenant, role)).filter((p) => p.id !== profileId);
    if (others.length > 0) {
      issues.push({
        pointer,
        rule: 'role.mapped',
        detail: `role ${id} ("${role.name}") is already mapped to profile "${others[0]?.name}"`,
      });
      continue;
    }
    roles.push(role);
  }
  if (issues.length > 0) throw refused(issues);
  return roles.map((r) => r.name);
}

export async function toProfileCreate(
  ctx: CoreContext,
  tenant: ActingTenant,
  body: Static<typeof ProfileCreateBody>,
): Promise<ProfileCreate> {
  const issues = fieldIssues(body);
  if (issues.length > 0) throw refused(issues);
  return {
    name: body.name,
    description: body.description ?? null,
    enabled: body.enabled ?? false,
    sessionDurationSeconds: body.durationSeconds ?? DURATION.default,
    roles: await roleNames(ctx, tenant, body.roleIdList ?? [], undefined),
  };
}

/** A field left out or null is unchanged; `roleIdList: []` removes every role. */
export async function toProfilePatch(
  ctx: CoreContext,
  tenant: ActingTenant,
  profileId: string,
  body: Static<typeof ProfilePatchBody>,
): Promise<ProfilePatch> {
  if (body.enabled !== undefined)
    throw refused([
      {
        pointer: '/body/enabled',
        rule: 'enabled',
        detail: 'enabled cannot be patched: POST /api/v1/profiles/{profileId}/enable or /disable',
      },
    ]);
  const issues = fieldIssues(body);
  if (issues.length > 0) throw refused(issues);
  return {
    ...(typeof body.name === 'string' && { name: body.name }),
    ...(typeof body.description === 'string' && { description: body.description }),
    ...(typeof body.durationSeconds === 'number' && { sessionDurationSeconds: body.durationSeconds }),
    ...(Array.isArray(body.roleIdList) && {
      roles: await roleNames(ctx, tenant, body.roleIdList, profileId),
    }),
  };
}
