import type { Static } from 'typebox';
import { v5 } from 'uuid';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { DesiredGroup } from '../../core/model/profile.js';
import type { Group, User } from '../../core/model/user.js';
import { listGroups } from '../../core/services/group.service.js';
import { everyRow } from '../../core/services/page.js';
import type { AccountModel } from './account.schemas.js';

type Account = Static<typeof AccountModel>;

/** The namespace of ARM resource type GUIDs profiled derives from provider names. */
const RESOURCE_TYPES = 'b7f0c6de-3a4e-5b8c-9d21-4f6a8e0c1d57';
const resourceTypeOf = (provider: string | null) => v5((provider ?? '').toLowerCase(), RESOURCE_TYPES);

const TYPE_ID = { user: 1, group: 2 } as const;

const keyValues = (pairs: readonly (readonly [string, string | null])[]) =>
  pairs.flatMap(([Key, Value]) => (Value === null ? [] : [{ Key, Value }]));

export function userAccount(user: User): Account {
  const d = user.directory;
  return {
    ResourceTypeGuid: resourceTypeOf(d.provider),
    SerializedAccountId: user.id,
    UriKey: d.fqdn,
    DisplayName: user.displayName ?? user.username,
    Provider: d.provider,
    IsGroup: false,
    Sid: d.sid,
    // The directory's own id of the entry (objectGUID, entryUUID) once synced.
    Guid: d.externalId ?? user.id,
    Description: null,
    Attributes: d.actualAttributes.map((a) => ({ Key: a.name, Value: a.value })),
    ExtendedAttributes: keyValues([
      ['UserName', user.username],
      ['Email', user.email],
      ['GivenName', user.givenName],
      ['FamilyName', user.familyName],
    ]),
    Children: [],
    TypeId: TYPE_ID.user,
  };
}

export function groupAccount(group: Group): Account {
  return {
    ResourceTypeGuid: resourceTypeOf(group.provider),
    SerializedAccountId: group.id,
    UriKey: group.fqdn,
    DisplayName: group.name,
    Provider: group.provider,
    IsGroup: true,
    Sid: group.sid,
    Guid: group.externalId ?? group.id,
    Description: group.description,
    Attributes: [],
    ExtendedAttributes: [],
    Children: [],
    TypeId: TYPE_ID.group,
  };
}

/** A group known only by name (a profile's desire, a directory's membership): no record, no GUID. */
export function namedGroupAccount(group: DesiredGroup): Account {
  return {
    ResourceTypeGuid: resourceTypeOf(group.provider),
    SerializedAccountId: group.sid ?? group.name,
    UriKey: null,
    DisplayName: group.name,
    Provider: group.provider,
    IsGroup: true,
    Sid: group.sid,
    Guid: null,
    Description: null,
    Attributes: [],
    ExtendedAttributes: [],
    Children: [],
    TypeId: TYPE_ID.group,
  };
}

/** The tenant's group records, found by id, SID or name (names ignore case, as directories do). */
export interface GroupIndex {
  byId(id: string): Group | undefined;
  bySid(sid: string): Group | undefined;
  byName(name: string): Group | undefined;
}

export async function groupIndexOf(ctx: CoreContext, tenant: ActingTenant): Promise<GroupIndex> {
  const groups = await everyRow((cursor) => listGroups(ctx, tenant, { cursor, limit: 500, sort: 'name' }));
  const ids = new Map(groups.map((g) => [g.id, g]));
  const sids = new Map(groups.flatMap((g) => (g.sid === null ? [] : [[g.sid.toLowerCase(), g] as const])));
  const names = new Map(groups.map((g) => [g.name.toLowerCase(), g]));
  return {
    byId: (id) => ids.get(id),
    bySid: (sid) => sids.get(sid.toLowerCase()),
    byName: (name) => names.get(name.toLowerCase()),
  };
}

/** A profile's desired group as an account: its group record when the tenant has one. */
export function desiredGroupAccount(index: GroupIndex, desired: DesiredGroup): Account {
  const record = (desired.sid !== null ? index.bySid(desired.sid) : undefined) ?? index.byName(desired.name);
  return record ? groupAccount(record) : namedGroupAccount(desired);
}
