import { sql } from 'kysely';
import type { ActiveAssignment, CapabilityHolder } from '../../core/model/access.js';
import {
  accessLevelOfRank,
  accessRank,
  viewLevelOfRank,
  viewRank,
  type AccessLevel,
  type ViewLevel,
} from '../../core/model/levels.js';
import { fromFlag } from '../codecs/columns.js';
import { grantedListsFromRow, grantFromRow } from '../codecs/profile.codec.js';
import type { Executor } from '../executor.js';

export interface ReachingGrantQuery {
  userId: string;
  /** The tenant asked about. */
  tenantId: string;
  /** The tenant and its ancestors: assignments scoped to any of them may reach it. */
  scopeTenantIds: readonly string[];
}

/** An assignment that reaches a tenant, with its window and what its enabled profile grants. */
export interface WindowedAssignment extends ActiveAssignment {
  validFrom: number | null;
  validUntil: number | null;
}

/**
 * The assignments reaching `tenantId` for the user, at any time, each with its window and its
 * profile's grants, in one round trip: assignments scoped to the tenant itself, or to an ancestor
 * with includeDescendants, whose profile is enabled. In profile-name order (then assignment id),
 * the order in which effective access combines them. Which are active at an instant is for the
 * caller to say from the windows, so that one answer serves every instant (and can be cached).
 */
export async function findReachingGrants(
  db: Executor,
  query: ReachingGrantQuery,
): Promise<WindowedAssignment[]> {
  const { userId, tenantId, scopeTenantIds } = query;
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('profiles as p', 'p.id', 'a.profile_id')
    .leftJoin('profile_capabilities as pc', 'pc.profile_id', 'p.id')
    .select([
      'a.id as assignment_id',
      'p.id as profile_id',
      'p.name as profile_name',
      'a.scope_tenant_id',
      'a.include_descendants',
      'a.valid_from',
      'a.valid_until',
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
    .where('p.enabled', '=', 1)
    .orderBy('p.name')
    .orderBy('a.id')
    .execute();

  // One row per grant of each assignment (or one without: capability columns null). A profile's
  // lists are parsed once, however many grants and assignments repeat them.
  const assignments = new Map<string, WindowedAssignment>();
  const lists = new Map<string, ReturnType<typeof grantedListsFromRow>>();
  for (const row of rows) {
    let assignment = assignments.get(row.assignment_id);
    if (!assignment) {
      let profileLists = lists.get(row.profile_id);
      if (!profileLists) {
        profileLists = grantedListsFromRow(row);
        lists.set(row.profile_id, profileLists);
      }
      assignment = {
        assignmentId: row.assignment_id,
        profileId: row.profile_id,
        profileName: row.profile_name,
        scopeTenantId: row.scope_tenant_id,
        includeDescendants: fromFlag(row.include_descendants),
        validFrom: row.valid_from,
        validUntil: row.valid_until,
        capabilities: [],
        ...profileLists,
      };
      assignments.set(row.assignment_id, assignment);
    }
    if (row.capability !== null && row.access_level !== null && row.view_level !== null) {
      assignment.capabilities.push(
        grantFromRow({
          capability: row.capability,
          access_level: row.access_level,
          view_level: row.view_level,
        }),
      );
    }
  }
  return [...assignments.values()];
}

export interface HolderQuery {
  capability: string;
  minAccessLevel: AccessLevel;
  minViewLevel: ViewLevel;
  tenantId: string;
  /** Ancestors of the tenant (and itself) that the caller may see: both scopes and owners must be among them. */
  visibleTenantIds: readonly string[];
  at: number;
  afterUserId: string | null;
  limit: number;
}

/**
 * The assignments of one scope that give the capability at or above the levels in the tenant,
 * whatever their windows: enabled profiles, users not disabled, owners the caller may see, and
 * for an ancestor's scope only those that include descendants. In the order of
 * assignments_scope_user_idx from `afterUserId` on.
 */
function grantingAssignments(db: Executor, query: HolderQuery, scopeTenantId: string) {
  let select = db
    .selectFrom('assignments as a')
    .innerJoin('profile_capabilities as pc', 'pc.profile_id', 'a.profile_id')
    .innerJoin('profiles as p', 'p.id', 'a.profile_id')
    .where('a.scope_tenant_id', '=', scopeTenantId)
    .where('a.tenant_id', 'in', query.visibleTenantIds)
    .where('pc.capability', '=', query.capability)
    .where('pc.access_level', '>=', accessRank(query.minAccessLevel))
    .where('pc.view_level', '>=', viewRank(query.minViewLevel))
    .where('p.enabled', '=', 1)
    // Disabled users are few: ruling them out costs less than joining every holder's row.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('users as u')
            .select('u.id')
            .whereRef('u.id', '=', 'a.user_id')
            // A literal, not a parameter: only then may SQLite use the partial index.
            .where('u.enabled', '=', sql.lit(0)),
        ),
      ),
    );
  // An ancestor's assignments reach the tenant only through includeDescendants.
  if (scopeTenantId !== query.tenantId) select = select.where('a.include_descendants', '=', 1);
  if (query.afterUserId !== null) select = select.where('a.user_id', '>', query.afterUserId);
  return select;
}

/**
 * Users holding the capability at or above the levels in the tenant at the instant, by user id.
 *
 * One branch per scope that reaches the tenant (the tenant itself, and each visible ancestor
 * through includeDescendants), each walking that scope's assignments in user order
 * (assignments_scope_user_idx) and stopping after `limit` holders, so a page reads about a page
 * of assignments however many hold the capability. A user among the first `limit` holders
 * overall is among the first `limit` of every branch that holds them, so merging the branches and
 * keeping the first `limit` users gives exactly the page, with each user's highest levels.
 */
export async function findHolders(db: Executor, query: HolderQuery): Promise<CapabilityHolder[]> {
  const { visibleTenantIds, at, limit } = query;
  const branch = (scopeTenantId: string) => {
    const page = grantingAssignments(db, query, scopeTenantId)
      .select((eb) => [
        'a.user_id',
        eb.fn.max<number>('pc.access_level').as('access_level'),
        eb.fn.max<number>('pc.view_level').as('view_level'),
      ])
      .where((eb) => eb.or([eb('a.valid_from', 'is', null), eb('a.valid_from', '<=', at)]))
      .where((eb) => eb.or([eb('a.valid_until', 'is', null), eb('a.valid_until', '>', at)]))
      // Grouped and sorted by (scope, user), the scope being fixed: the order of
      // assignments_scope_user_idx, which PostgreSQL then walks from the cursor and stops early.
      .groupBy(['a.scope_tenant_id', 'a.user_id'])
      .orderBy('a.scope_tenant_id')
      .orderBy('a.user_id')
      .limit(limit);
    return db.selectFrom(page.as('h')).selectAll();
  };
  const [first, ...others] = visibleTenantIds.map(branch);
  if (!first) return [];
  const rows = await others.reduce((union, next) => union.unionAll(next), first).execute();

  const holders = new Map<string, { access: number; view: number }>();
  for (const row of rows) {
    const held = holders.get(row.user_id);
    holders.set(row.user_id, {
      access: Math.max(held?.access ?? 0, row.access_level),
      view: Math.max(held?.view ?? 0, row.view_level),
    });
  }
  return [...holders.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([userId, held]) => ({
      userId,
      accessLevel: accessLevelOfRank(held.access),
      viewLevel: viewLevelOfRank(held.view),
    }));
}

/**
 * The first instant after `query.at` at which the page findHolders answered could be different
 * by time alone: the earliest window start or end, later than `at`, of the assignments that
 * could be on that page (users after the cursor, up to `throughUserId`, the last user the page
 * read, when it read a full page; every later user when it did not). Null when no window of
 * theirs opens or closes after `at`: then only a write can change the page.
 *
 * It reads the same range of assignments_scope_user_idx as the page, so the page about "now"
 * can be kept until a write or this instant, not read again every second.
 */
export async function nextHolderChange(
  db: Executor,
  query: HolderQuery,
  throughUserId: string | null,
): Promise<number | null> {
  const { at } = query;
  const branch = (scopeTenantId: string) => {
    let select = grantingAssignments(db, query, scopeTenantId).select((eb) => [
      eb.fn
        .min<number | null>(eb.case().when('a.valid_from', '>', at).then(eb.ref('a.valid_from')).end())
        .as('opens'),
      eb.fn
        .min<number | null>(eb.case().when('a.valid_until', '>', at).then(eb.ref('a.valid_until')).end())
        .as('closes'),
    ]);
    if (throughUserId !== null) select = select.where('a.user_id', '<=', throughUserId);
    return select;
  };
  const [first, ...others] = query.visibleTenantIds.map(branch);
  if (!first) return null;
  const rows = await others.reduce((union, next) => union.unionAll(next), first).execute();
  const instants = rows.flatMap((row) => [row.opens, row.closes]).filter((t): t is number => t !== null);
  return instants.length === 0 ? null : Math.min(...instants);
}
