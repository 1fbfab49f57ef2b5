import type { Executor } from '../executor.js';

/** One capability grant (or none: capability columns null) of one assignment active at the instant. */
export interface ActiveGrantRow {
  assignment_id: string;
  profile_id: string;
  profile_name: string;
  scope_tenant_id: string;
  include_descendants: number;
  additional_capabilities: string;
  roles: string;
  permissions: string;
  capability: string | null;
  access_level: number | null;
  view_level: number | null;
}

export interface ActiveGrantQuery {
  userId: string;
  /** The tenant asked about. */
  tenantId: string;
  /** The tenant and its ancestors: assignments scoped to any of them may reach it. */
  scopeTenantIds: readonly string[];
  at: number;
}

/**
 * Every capability grant reaching `tenantId` for the user at the instant, in one round trip:
 * assignments scoped to the tenant itself, or to an ancestor with includeDescendants,
 * whose window contains the instant and whose profile is enabled.
 */
export async function findActiveGrants(db: Executor, query: ActiveGrantQuery): Promise<ActiveGrantRow[]> {
  const { userId, tenantId, scopeTenantIds, at } = query;
  return db
    .selectFrom('assignments as a')
    .innerJoin('profiles as p', 'p.id', 'a.profile_id')
    .leftJoin('profile_capabilities as pc', 'pc.profile_id', 'p.id')
    .select([
      'a.id as assignment_id',
      'p.id as profile_id',
      'p.name as profile_name',
      'a.scope_tenant_id',
      'a.include_descendants',
      'p.additional_capabilities',
      'p.roles',
      'p.permissions',
      'pc.capability',
      'pc.access_level',
      'pc.view_level',
    ])
    .where('a.user_id', '=', userId)
    .where('a.scope_tenant_id', 'in', scopeTenantIds)
    .where((eb) => eb.or([eb('a.scope_tenant_id', '=', tenantId), eb('a.include_descendants', '=', 1)]))
    .where((eb) => eb.or([eb('a.valid_from', 'is', null), eb('a.valid_from', '<=', at)]))
    .where((eb) => eb.or([eb('a.valid_until', 'is', null), eb('a.valid_until', '>', at)]))
    .where('p.enabled', '=', 1)
    .orderBy('p.name')
    .orderBy('a.id')
    .execute();
}

export interface HolderRow {
  user_id: string;
  access_level: number;
  view_level: number;
}

export interface HolderQuery {
  capability: string;
  minAccessLevel: number;
  minViewLevel: number;
  tenantId: string;
  /** Ancestors of the tenant (and itself) that the caller may see: both scopes and owners must be among them. */
  visibleTenantIds: readonly string[];
  at: number;
  afterUserId: string | null;
  limit: number;
}

/** Users holding the capability at or above the levels in the tenant at the instant, by user id. */
export async function findHolders(db: Executor, query: HolderQuery): Promise<HolderRow[]> {
  const { tenantId, visibleTenantIds, at } = query;
  let select = db
    .selectFrom('profile_capabilities as pc')
    .innerJoin('profiles as p', 'p.id', 'pc.profile_id')
    .innerJoin('assignments as a', 'a.profile_id', 'p.id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select((eb) => [
      'a.user_id',
      eb.fn.max<number>('pc.access_level').as('access_level'),
      eb.fn.max<number>('pc.view_level').as('view_level'),
    ])
    .where('pc.capability', '=', query.capability)
    .where('pc.access_level', '>=', query.minAccessLevel)
    .where('pc.view_level', '>=', query.minViewLevel)
    .where('p.enabled', '=', 1)
    .where('u.enabled', '=', 1)
    .where('a.tenant_id', 'in', visibleTenantIds)
    .where('a.scope_tenant_id', 'in', visibleTenantIds)
    .where((eb) => eb.or([eb('a.scope_tenant_id', '=', tenantId), eb('a.include_descendants', '=', 1)]))
    .where((eb) => eb.or([eb('a.valid_from', 'is', null), eb('a.valid_from', '<=', at)]))
    .where((eb) => eb.or([eb('a.valid_until', 'is', null), eb('a.valid_until', '>', at)]));
  if (query.afterUserId !== null) select = select.where('a.user_id', '>', query.afterUserId);
  return select.groupBy('a.user_id').orderBy('a.user_id').limit(query.limit).execute();
}
