import {
  findHolders,
  findReachingGrants,
  nextHolderChange,
  type HolderQuery,
  type WindowedAssignment,
} from '../../store/repositories/access.repository.js';
import { rowsFor, type Dependency } from '../../store/change-feed.js';
import { findCapability } from '../../store/repositories/capability.repository.js';
import { findTenantReach } from '../../store/repositories/tenant.repository.js';
import { cachedRead, keepsReads } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { ActiveAssignment, CapabilityHolder } from '../model/access.js';
import { accessRank, viewRank, type AccessLevel, type ViewLevel } from '../model/levels.js';
import { pathIds } from '../model/tenant.js';
import { windowContains, type Instant } from '../model/time.js';
import { tenantNotFound } from '../services/tenant.service.js';
import { getUser, userTables } from '../services/user.service.js';
import { combineGrants, type EffectiveAccess } from './combine-grants.js';

export interface AccessQuery {
  userId: string;
  /** Id or code of the tenant asked about; defaults to the user's tenant. */
  tenant?: string | undefined;
  at?: Instant | undefined;
}

export interface AccessAnswer extends EffectiveAccess {
  userId: string;
  tenantId: string;
  at: Instant;
}

interface TenantReach {
  tenantId: string;
  /** The tenant and its ancestors inside the acting subtree, root first. */
  visibleIds: readonly string[];
  enabled: boolean;
  /** The tenant and `visibleIds` in a cache key. */
  key: string;
}

/**
 * What the reads an access answer is made of depend on, each read's own: an answer kept whole
 * (answeredNow) depends on all of them.
 */
const reachTables: readonly Dependency[] = ['tenants'];
// Another user's assignment written leaves a user's grants standing.
const grantTables = (userId: string): Dependency[] => [
  rowsFor('assignments', userId),
  'profiles',
  'profile_capabilities',
];
const capabilityTables: readonly Dependency[] = ['capabilities'];

/**
 * The tenant asked about and the ids that may reach it: itself and its ancestors inside the acting
 * subtree. A disabled tenant on that path disables everything below it: `enabled` is then false.
 * Kept made (not only the row it is made of): it is asked on every access request.
 */
async function tenantReach(ctx: CoreContext, acting: ActingTenant, ref: string): Promise<TenantReach> {
  const reach = await cachedRead(ctx, `reach:${acting.path}:${ref}`, reachTables, async () => {
    const tenant = await findTenantReach(ctx.db, acting.path, ref);
    if (!tenant) return undefined;
    const visibleIds = pathIds(tenant.path).slice(Math.max(pathIds(acting.path).length - 1, 0));
    return {
      tenantId: tenant.id,
      visibleIds,
      enabled: !tenant.disabledOnPath,
      key: `${tenant.id}:${visibleIds.join(',')}`,
    };
  });
  if (!reach) throw tenantNotFound(ref);
  return reach;
}

/** The assignments reaching the tenant for the user, at any time; the caller picks an instant. */
function reachingGrants(ctx: CoreContext, userId: string, reach: TenantReach) {
  return cachedRead(ctx, `grants:${userId}:${reach.key}`, grantTables(userId), () =>
    findReachingGrants(ctx.db, { userId, tenantId: reach.tenantId, scopeTenantIds: [...reach.visibleIds] }),
  );
}

async function activeAssignments(ctx: CoreContext, acting: ActingTenant, query: AccessQuery) {
  const user = await getUser(ctx, acting, query.userId);
  const at = query.at ?? ctx.now();
  const reach = await tenantReach(ctx, acting, query.tenant ?? user.tenantId);
  // A disabled user, or a tenant disabled on the way down, holds nothing.
  const reaching = user.enabled && reach.enabled ? await reachingGrants(ctx, user.id, reach) : [];
  return {
    userId: user.id,
    tenantId: reach.tenantId,
    at,
    active: activeAt(reaching, at),
    changesAt: nextWindowChange(reaching, at),
  };
}

/** The first instant after `at` at which one of the windows opens or closes; null if none does. */
function nextWindowChange(reaching: readonly WindowedAssignment[], at: Instant): Instant | null {
  let next: Instant | null = null;
  for (const { validFrom, validUntil } of reaching) {
    if (validFrom !== null && validFrom > at && (next === null || validFrom < next)) next = validFrom;
    if (validUntil !== null && validUntil > at && (next === null || validUntil < next)) next = validUntil;
  }
  return next;
}

/** Who and where an answer is about, and when. */
type About = Pick<AccessAnswer, 'userId' | 'tenantId' | 'at'>;

/** What an answer about now keeps: all of it but the instant, and the span it holds for. */
interface KeptNow<P> {
  userId: string;
  tenantId: string;
  part: P;
  /** The instant it was made at: it holds from then until changesAt (or a write). */
  madeAt: Instant;
  changesAt: Instant | null;
}

/**
 * An answer about now, kept whole in the read cache until a write to what it is read from (what
 * the user's, the tenant's and the grants' reads depend on, and `tables`) or the first window of
 * the user's assignments to open or close after it. A repeated question is then one read, not
 * the user's, the tenant's and the grants' and their combination: most of what an access check
 * costs. It answers only for instants from the one it was made at to its next change, by the
 * clock the answer states; any other instant (a clock set back), and a question about a given
 * instant, is answered the long way (from the cached grants).
 */
async function answeredNow<P>(
  ctx: CoreContext,
  query: AccessQuery,
  key: string,
  tables: readonly Dependency[],
  make: (at: Instant) => Promise<{ about: About; part: P; changesAt: Instant | null }>,
): Promise<{ about: About; part: P }> {
  if (query.at !== undefined || !keepsReads(ctx)) return make(query.at ?? ctx.now());
  const kept = await cachedRead<KeptNow<P>>(
    ctx,
    key,
    [...userTables, ...reachTables, ...grantTables(query.userId), ...tables],
    async () => {
      const { about, part, changesAt } = await make(ctx.now());
      return { userId: about.userId, tenantId: about.tenantId, part, madeAt: about.at, changesAt };
    },
    { trueUntil: (k) => k.changesAt },
  );
  const at = ctx.now();
  if (at < kept.madeAt || (kept.changesAt !== null && at >= kept.changesAt)) return make(at);
  return { about: { userId: kept.userId, tenantId: kept.tenantId, at }, part: kept.part };
}

/**
 * Values kept with a list the read cache hands out (the same object while nothing it was read
 * from changes), by key: gone with the list, at most `max` per list.
 */
function keptWithList<V>(max: number) {
  const kept = new WeakMap<object, Map<string, V>>();
  return (list: object, key: string, make: () => V): V => {
    let byKey = kept.get(list);
    if (!byKey) kept.set(list, (byKey = new Map<string, V>()));
    let value = byKey.get(key);
    if (value === undefined) {
      value = make();
      if (byKey.size >= max) byKey.clear();
      byKey.set(key, value);
    }
    return value;
  };
}

/**
 * A list of reaching assignments' active subsets, by which of them are active: the same ones
 * active is the same array, so what it combines into (below) is computed once, not on every
 * request of a user with an expired or future assignment. At most 16 per list: the windows'
 * edges passed while the list is cached (at most 30 s).
 */
const subsets = keptWithList<readonly ActiveAssignment[]>(16);

function activeAt(reaching: readonly WindowedAssignment[], at: Instant): readonly ActiveAssignment[] {
  let mask = '';
  for (const a of reaching) mask += windowContains(a.validFrom, a.validUntil, at) ? '1' : '0';
  if (!mask.includes('0')) return reaching;
  return subsets(reaching, mask, () => reaching.filter((_, i) => mask[i] === '1'));
}

/**
 * Combined grants, once per list of active assignments: when all that reach are active (the
 * usual case), the list is the cached one itself, and so is what it combines into.
 */
const combined = keptWithList<EffectiveAccess>(1);
const combinedGrants = (active: readonly ActiveAssignment[]) =>
  combined(active, '', () => combineGrants(active));

/**
 * What the user may do in the tenant at the instant, in two parts: who, where and when, and what
 * they may do. While the read cache holds the user's grants, `access` is the same object on
 * every request whose active assignments are the same, so what is made of it (a serialized
 * answer) can be kept with it.
 */
export async function effectiveAccessParts(
  ctx: CoreContext,
  acting: ActingTenant,
  query: AccessQuery,
): Promise<{ about: Omit<AccessAnswer, keyof EffectiveAccess>; access: EffectiveAccess }> {
  const key = `access-now:${JSON.stringify([acting.path, query.userId, query.tenant ?? null])}`;
  const { about, part } = await answeredNow(ctx, query, key, [], async (at) => {
    const { active, changesAt, ...found } = await activeAssignments(ctx, acting, { ...query, at });
    return { about: found, part: combinedGrants(active), changesAt };
  });
  return { about, access: part };
}

/** What the user may do in the tenant at the instant. */
export async function effectiveAccess(
  ctx: CoreContext,
  acting: ActingTenant,
  query: AccessQuery,
): Promise<AccessAnswer> {
  const { about, access } = await effectiveAccessParts(ctx, acting, query);
  return { ...about, ...access };
}

export interface CheckQuery extends AccessQuery {
  capability: string;
  level: AccessLevel;
  viewLevel?: ViewLevel | undefined;
}

export interface CheckAnswer {
  allowed: boolean;
  userId: string;
  tenantId: string;
  at: Instant;
  /** Each assignment that grants the capability at or above the levels asked. */
  grantedBy: {
    profileId: string;
    profileName: string;
    assignmentId: string;
    accessLevel: AccessLevel;
    viewLevel: ViewLevel;
  }[];
}

async function requireCapability(ctx: CoreContext, name: string): Promise<void> {
  if (!(await cachedRead(ctx, `capability:${name}`, capabilityTables, () => findCapability(ctx.db, name))))
    throw new DomainError('capability.not_found', `capability "${name}" does not exist`);
}

/**
 * Runs `work` about a capability, reading the catalog only when `work` fails or its answer does
 * not prove the capability exists (a grant of it does: grants reference the catalog). The common
 * answer saves a query; an unknown capability is still a 404, before any other error.
 */
async function aboutCapability<T>(
  ctx: CoreContext,
  name: string,
  work: () => Promise<T>,
  proves: (answer: T) => boolean,
): Promise<T> {
  let answer: T;
  try {
    answer = await work();
  } catch (error) {
    await requireCapability(ctx, name);
    throw error;
  }
  if (!proves(answer)) await requireCapability(ctx, name);
  return answer;
}

/** The verdict of a check: whether, and through which assignments. */
export type CheckVerdict = Pick<CheckAnswer, 'allowed' | 'grantedBy'>;

/**
 * Verdicts per list of active assignments (the cached one, or its kept subset) and question:
 * the same question about the same assignments is answered by the same object, so what is made
 * of it (a serialized answer) can be kept with it.
 */
const verdicts = keptWithList<CheckVerdict>(256);

function verdictOf(active: readonly ActiveAssignment[], query: CheckQuery): CheckVerdict {
  const key = `${query.capability}\u0000${query.level}\u0000${query.viewLevel ?? ''}`;
  return verdicts(active, key, () => {
    const minAccess = accessRank(query.level);
    const minView = query.viewLevel === undefined ? 0 : viewRank(query.viewLevel);
    const grantedBy = active.flatMap((assignment) => {
      const grant = assignment.capabilities.find((g) => g.capability === query.capability);
      if (!grant || accessRank(grant.accessLevel) < minAccess || viewRank(grant.viewLevel) < minView)
        return [];
      return [
        {
          profileId: assignment.profileId,
          profileName: assignment.profileName,
          assignmentId: assignment.assignmentId,
          accessLevel: grant.accessLevel,
          viewLevel: grant.viewLevel,
        },
      ];
    });
    return { allowed: grantedBy.length > 0, grantedBy };
  });
}

/**
 * Does the user hold the capability at (at least) the level, in the tenant, at the instant? In
 * two parts: who, where and when, and the verdict (see verdictOf).
 */
export async function checkAccessParts(
  ctx: CoreContext,
  acting: ActingTenant,
  query: CheckQuery,
): Promise<{ about: Omit<CheckAnswer, keyof CheckVerdict>; verdict: CheckVerdict }> {
  const holds = (assignment: ActiveAssignment) =>
    assignment.capabilities.some((g) => g.capability === query.capability);
  const asked = [acting.path, query.userId, query.tenant ?? null, query.capability, query.level];
  const key = `check-now:${JSON.stringify([...asked, query.viewLevel ?? null])}`;
  // The catalog too: a capability no grant proves is looked up there (aboutCapability).
  const { about, part } = await answeredNow(ctx, query, key, capabilityTables, async (at) => {
    const { active, changesAt, ...found } = await aboutCapability(
      ctx,
      query.capability,
      () => activeAssignments(ctx, acting, { ...query, at }),
      (answer) => answer.active.some(holds),
    );
    return { about: found, part: verdictOf(active, query), changesAt };
  });
  return { about, verdict: part };
}

/** Does the user hold the capability at (at least) the level, in the tenant, at the instant? */
export async function checkAccess(
  ctx: CoreContext,
  acting: ActingTenant,
  query: CheckQuery,
): Promise<CheckAnswer> {
  const { about, verdict } = await checkAccessParts(ctx, acting, query);
  return { ...about, ...verdict };
}

export interface HoldersQuery {
  capability: string;
  tenant: string;
  level: AccessLevel;
  viewLevel?: ViewLevel | undefined;
  at?: Instant | undefined;
  afterUserId?: string | undefined;
  limit: number;
}

export interface HoldersAnswer {
  tenantId: string;
  at: Instant;
  holders: { userId: string; accessLevel: AccessLevel; viewLevel: ViewLevel }[];
  /** The last user id of this page when there may be more. */
  nextAfter: string | null;
}

/** Which users hold the capability at (at least) the level in the tenant at the instant. */
export async function capabilityHolders(
  ctx: CoreContext,
  acting: ActingTenant,
  query: HoldersQuery,
): Promise<HoldersAnswer> {
  // A page about "now" is true from the instant it was read until a write to its tables or the
  // first window of its assignments to open or close after it (nextHolderChange), so it is kept
  // that long and says the instant it is served at (before that change, however late the clock
  // is read); a page about a given instant, until a write.
  const key = [acting.path, query.capability, query.tenant, query.level, query.viewLevel, query.at ?? 'now']
    .concat([query.afterUserId ?? '', String(query.limit)])
    .join(':');
  const read = await cachedRead(
    ctx,
    `holders:${key}`,
    holderTables,
    async () => {
      const at = query.at ?? ctx.now();
      const { reach, holders, changesAt } = await aboutCapability(
        ctx,
        query.capability,
        () => holdersAfter(ctx, acting, query, at),
        (found) => found.holders.length > 0,
      );
      const page = holders.slice(0, query.limit);
      const answer: HoldersAnswer = {
        tenantId: reach.tenantId,
        at,
        holders: page,
        nextAfter: holders.length > query.limit ? (page.at(-1)?.userId ?? null) : null,
      };
      return { answer, changesAt };
    },
    { trueUntil: (found) => found.changesAt ?? null },
  );
  // Not kept (no cache, or inside a transaction): the page says the instant it was read for.
  if (query.at !== undefined || read.changesAt === undefined) return read.answer;
  const servedAt = Math.max(read.answer.at, ctx.now());
  return { ...read.answer, at: read.changesAt === null ? servedAt : Math.min(servedAt, read.changesAt - 1) };
}

/** What a page of holders is read from. */
const holderTables = [
  'tenants',
  'assignments',
  'profiles',
  'profile_capabilities',
  'users',
  'capabilities',
] as const;

/**
 * One more holder than the page holds, to know whether another page follows; for a page about
 * "now" that the cache keeps, when it could change by time alone (nextHolderChange; null:
 * never), else undefined.
 */
async function holdersAfter(
  ctx: CoreContext,
  acting: ActingTenant,
  query: HoldersQuery,
  at: Instant,
): Promise<{ reach: TenantReach; holders: CapabilityHolder[]; changesAt: number | null | undefined }> {
  const reach = await tenantReach(ctx, acting, query.tenant);
  if (!reach.enabled) return { reach, holders: [], changesAt: null };
  const holderQuery: HolderQuery = {
    capability: query.capability,
    minAccessLevel: query.level,
    minViewLevel: query.viewLevel ?? 'Simple',
    tenantId: reach.tenantId,
    visibleTenantIds: reach.visibleIds,
    at,
    afterUserId: query.afterUserId ?? null,
    limit: query.limit + 1,
  };
  const holders = await findHolders(ctx.db, holderQuery);
  const fullPage = holders.length === holderQuery.limit;
  const changesAt =
    query.at === undefined && keepsReads(ctx)
      ? await nextHolderChange(ctx.db, holderQuery, fullPage ? (holders.at(-1)?.userId ?? null) : null)
      : undefined;
  return { reach, holders, changesAt };
}
