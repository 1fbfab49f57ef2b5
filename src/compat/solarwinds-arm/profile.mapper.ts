import type { Static } from 'typebox';
import { DomainError, type FieldIssue } from '../../core/errors.js';
import type { DesiredGroup, Profile } from '../../core/model/profile.js';
import type { ProfileCreate, ProfilePatch } from '../../core/schemas/profile.schema.js';
import { desiredGroupAccount, type GroupIndex } from './account.mapper.js';
import { colorFromInt, colorToInt } from './color.js';
import { localDateTime } from './local-time.js';
import type { CreateUpdateBody, ProfileModel } from './profile.schemas.js';

/** What a profile is shown with: the zone of its local times, and the tenant's groups. */
export interface ProfileView {
  zone: string;
  groups: GroupIndex;
}

export function toProfileModel(profile: Profile, view: ProfileView): Static<typeof ProfileModel> {
  return {
    Id: profile.id,
    Name: profile.name,
    Description: profile.description ?? '',
    Color: colorToInt(profile.color),
    Initials: profile.initials,
    CreationDateTimeLocal: localDateTime(profile.createdAt, view.zone),
    LastModifiedDateTimeLocal: localDateTime(profile.updatedAt, view.zone),
    Groups: profile.desiredGroups.map((group) => desiredGroupAccount(view.groups, group)),
    LdapAttributes: profile.desiredLdapAttributes.map((a) => ({ Key: a.name, Value: a.value })),
  };
}

type Body = Static<typeof CreateUpdateBody>;
type GroupRef = NonNullable<Body['Groups']>[number];

const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The desired group a reference names: a group record by id or SID, else a group the profile
 * already desires by SID or name (so that a profile read, with its groups known only by name,
 * can be sent back unchanged).
 */
function desiredGroupOf(
  groups: GroupIndex,
  current: readonly DesiredGroup[],
  ref: GroupRef,
): DesiredGroup | undefined {
  const id = typeof ref === 'string' ? ref : ref.SerializedAccountId;
  const sid = typeof ref === 'string' ? ref : ref.Sid;
  const record =
    (id !== undefined ? groups.byId(id) : undefined) ??
    (id !== undefined ? groups.bySid(id) : undefined) ??
    (typeof sid === 'string' ? groups.bySid(sid) : undefined);
  if (record) return { name: record.name, provider: record.provider, sid: record.sid };
  return current.find(
    (g) =>
      (id !== undefined && (same(g.sid, id) || same(g.name, id))) ||
      (typeof sid === 'string' && same(g.sid, sid)),
  );
}

function desiredGroups(
  groups: GroupIndex,
  current: readonly DesiredGroup[],
  refs: readonly GroupRef[],
  issues: FieldIssue[],
): DesiredGroup[] {
  const found = new Map<string, DesiredGroup>();
  refs.forEach((ref, i) => {
    const group = desiredGroupOf(groups, current, ref);
    if (group) {
      found.set(group.name.toLowerCase(), group);
      return;
    }
    const named = typeof ref === 'string' ? ref : (ref.SerializedAccountId ?? ref.Sid);
    issues.push({
      pointer: `/body/Groups/${i}`,
      rule: 'group.exists',
      detail:
        named === undefined || named === null
          ? 'a group needs its SerializedAccountId or Sid'
          : `no group of this tenant has the id or SID "${named}"`,
    });
  });
  return [...found.values()];
}

const refused = (issues: FieldIssue[]) =>
  new DomainError('validation.failed', issues.map((i) => i.detail).join('; '), issues);

/**
 * The core fields a CreateUpdate body sets; a field left out is not among them. `current` is the
 * profile being updated, whose groups known only by name may be named again.
 */
export function profileFields(body: Body, groups: GroupIndex, current?: Profile): ProfilePatch {
  const issues: FieldIssue[] = [];
  const wanted =
    body.Groups === undefined
      ? undefined
      : desiredGroups(groups, current?.desiredGroups ?? [], body.Groups, issues);
  if (issues.length > 0) throw refused(issues);
  return {
    ...(body.Name !== undefined && { name: body.Name }),
    ...(body.Description !== undefined && { description: body.Description === '' ? null : body.Description }),
    ...(body.Color !== undefined && { color: colorFromInt(body.Color) }),
    ...(body.Initials !== undefined && { initials: body.Initials }),
    ...(wanted !== undefined && { desiredGroups: wanted }),
    ...(body.LdapAttributes !== undefined && {
      desiredLdapAttributes: body.LdapAttributes.map((a) => ({ name: a.Key, value: a.Value })),
    }),
  };
}

/** The fields of a profile CreateUpdate makes: a Name, and whatever else the body gives. */
export function newProfileFields(body: Body, groups: GroupIndex): ProfileCreate {
  if (body.Name === undefined) {
    throw refused([
      { pointer: '/body/Name', rule: 'required', detail: 'Name is required to create a profile' },
    ]);
  }
  return { ...profileFields(body, groups), name: body.Name };
}
