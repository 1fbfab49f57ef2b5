import {
  findActiveGrants,
  findHolders,
  type ActiveGrantRow,
} from '../../store/repositories/access.repository.js';
import { findCapability } from '../../store/repositories/capability.repository.js';
import { findTenantReach } from '../../store/repositories/tenant.repository.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { pathIds } from '../mappers/tenant.mapper.js';
import {
  accessLevelOfRank,
  accessRank,
  viewLevelOfRank,
  viewRank,
  type AccessLevel,
  type ViewLevel,
} from '../model/levels.js';
import type { Instant } from '../model/time.js';
import { tenantNotFound } from '../services/tenant.service.js';
import { getUserRow } from '../services/user.service.js';
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

/**
 * The tenant asked about and the ids that may reach it: itself and its ancestors inside the acting
 * subtree. A disabled tenant on that path disables everything below it: `enabled` is then false.
 */
async function tenantReach(ctx: CoreContext, acting: ActingTenant, ref: string) {
  const tenant = await findTenantReach(ctx.db, acting.path, ref);
  if (!tenant) throw tenantNotFound(ref);
  const actingDepth = pathIds(acting.path).length;
  return {
    tenantId: tenant.id,
    visibleIds: pathIds(tenant.path).slice(Math.max(actingDepth - 1, 0)),
    enabled: !tenant.disabledOnPath,
  };
}

async function activeGrantRows(ctx: CoreContext, acting: ActingTenant, query: AccessQuery) {
  const user = await getUserRow(ctx, acting, query.userId);
  const at = query.at ?? ctx.now();
  const reach = await tenantReach(ctx, acting, query.tenant ?? user.tenant_id);
  // A disabled user, or a tenant disabled on the way down, holds nothing.
  const rows: ActiveGrantRow[] =
    user.enabled === 1 && reach.enabled
      ? await findActiveGrants(ctx.db, {
          userId: user.id,
          tenantId: reach.tenantId,
          scopeTenantIds: reach.visibleIds,
          at,
        })
      : [];
  return { userId: user.id, tenantId: reach.tenantId, at, rows };
}

/** What the user may do in the tenant at the instant. */
export async function effectiveAccess(
  ctx: CoreContext,
  acting: ActingTenant,
  query: AccessQuery,
): Promise<AccessAnswer> {
  const { rows, ...about } = await activeGrantRows(ctx, acting, query);
  return { ...about, ...combineGrants(rows) };
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
  if (!(await findCapability(ctx.db, name)))
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

/** Does the user hold the capability at (at least) the level, in the tenant, at the instant? */
export async function checkAccess(
  ctx: CoreContext,
  acting: ActingTenant,
  query: CheckQuery,
): Promise<CheckAnswer> {
  const { rows, ...about } = await aboutCapability(
    ctx,
    query.capability,
    () => activeGrantRows(ctx, acting, query),
    (found) => found.rows.some((r) => r.capability === query.capability),
  );
  const minAccess = accessRank(query.level);
  const minView = query.viewLevel === undefined ? 0 : viewRank(query.viewLevel);
  const grantedBy = rows
    .filter(
      (r) =>
        r.capability === query.capability &&
        (r.access_level ?? -1) >= minAccess &&
        (r.view_level ?? -1) >= minView,
    )
    .map((r) => ({
      profileId: r.profile_id,
      profileName: r.profile_name,
      assignmentId: r.assignment_id,
      accessLevel: accessLevelOfRank(r.access_level ?? 0),
      viewLevel: viewLevelOfRank(r.view_level ?? 0),
    }));
  return { ...about, allowed: grantedBy.length > 0, grantedBy };
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
  const at = query.at ?? ctx.now();
  const { reach, rows } = await aboutCapability(
    ctx,
    query.capability,
    () => holderRows(ctx, acting, query, at),
    (found) => found.rows.length > 0,
  );
  const page = rows.slice(0, query.limit);
  return {
    tenantId: reach.tenantId,
    at,
    holders: page.map((r) => ({
      userId: r.user_id,
      accessLevel: accessLevelOfRank(r.access_level),
      viewLevel: viewLevelOfRank(r.view_level),
    })),
    nextAfter: rows.length > query.limit ? (page.at(-1)?.user_id ?? null) : null,
  };
}

async function holderRows(ctx: CoreContext, acting: ActingTenant, query: HoldersQuery, at: Instant) {
  const reach = await tenantReach(ctx, acting, query.tenant);
  if (!reach.enabled) return { reach, rows: [] };
  const rows = await findHolders(ctx.db, {
    capability: query.capability,
    minAccessLevel: accessRank(query.level),
    minViewLevel: query.viewLevel === undefined ? 0 : viewRank(query.viewLevel),
    tenantId: reach.tenantId,
    visibleTenantIds: reach.visibleIds,
    at,
    afterUserId: query.afterUserId ?? null,
    limit: query.limit + 1,
  });
  return { reach, rows };
}
