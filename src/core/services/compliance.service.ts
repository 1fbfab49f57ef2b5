import { listAssignments } from '../../store/repositories/assignment.repository.js';
import * as users from '../../store/repositories/user.repository.js';
import { accountCompliance } from '../compliance/account-compliance.js';
import type { ActingTenant, CoreContext } from '../context.js';
import type { Assignment } from '../model/assignment.js';
import type { AccountCompliance, ComplianceSettings } from '../model/compliance.js';
import type { Profile } from '../model/profile.js';
import type { Tenant } from '../model/tenant.js';
import type { Instant } from '../model/time.js';
import { everyRow } from './page.js';
import { getProfile, listProfiles } from './profile.service.js';
import { resolveTenantRef, updateTenantFrom } from './tenant.service.js';
import { getUser } from './user.service.js';

const PAGE = 500;
/** A report reads the whole tenant; past this many rows it is refused rather than cut. */
const MOST_ROWS = 1_000_000;

/** The tenant setting (in `settings`) that ARM calls are_unassigned_accounts_non_compliant. */
export const UNASSIGNED_SETTING = 'unassignedAccountsNonCompliant';

export function complianceSettingsOf(tenant: Tenant): ComplianceSettings {
  return { unassignedAccountsNonCompliant: tenant.settings[UNASSIGNED_SETTING] === true };
}

/** Saves the compliance settings into the tenant's settings (other settings stay as they are). */
export async function saveComplianceSettings(
  ctx: CoreContext,
  acting: ActingTenant,
  settings: ComplianceSettings,
  tenantRef?: string,
): Promise<ComplianceSettings> {
  const tenant = await resolveTenantRef(ctx, acting, tenantRef ?? acting.id);
  const saved = await updateTenantFrom(ctx, acting, tenant.id, (current) =>
    current.settings[UNASSIGNED_SETTING] === settings.unassignedAccountsNonCompliant
      ? {}
      : { settings: { ...current.settings, [UNASSIGNED_SETTING]: settings.unassignedAccountsNonCompliant } },
  );
  return complianceSettingsOf(saved);
}

/** The assignment's window holds `at` (from inclusive, until exclusive). */
export const holdsAt = (assignment: Assignment, at: Instant): boolean =>
  (assignment.validFrom === null || assignment.validFrom <= at) &&
  (assignment.validUntil === null || at < assignment.validUntil);

export interface ComplianceQuery {
  /** A tenant inside the acting one's subtree, by id or code; none: the acting tenant. */
  tenant?: string | undefined;
  /** Only accounts that hold this profile now. */
  profileId?: string | undefined;
}

export interface TenantCompliance {
  /** The tenant reported on (`path` places it in the tree, as ActingTenant does). */
  tenant: { id: string; code: string; path: string };
  settings: ComplianceSettings;
  /** Every account the report covers, compliant or not, by username. */
  accounts: AccountCompliance[];
}

/**
 * How the tenant's accounts stand against the profiles assigned to them now: every account that
 * holds a profile now and, when the tenant counts unassigned accounts as non-compliant, every
 * other account too. The directory facts are the last synced ones.
 */
export async function tenantCompliance(
  ctx: CoreContext,
  acting: ActingTenant,
  query: ComplianceQuery = {},
): Promise<TenantCompliance> {
  const tenant = await resolveTenantRef(ctx, acting, query.tenant ?? acting.id);
  const owner: ActingTenant = { id: tenant.id, path: tenant.path };
  const settings = complianceSettingsOf(tenant);
  if (query.profileId !== undefined) await getProfile(ctx, owner, query.profileId);

  const now = ctx.now();
  const profiles = new Map(
    (await everyRow((cursor) => listProfiles(ctx, owner, { cursor, limit: PAGE, sort: 'name' }), MOST_ROWS))
      .filter((profile) => profile.enabled)
      .map((profile) => [profile.id, profile]),
  );
  const heldBy = new Map<string, Profile[]>();
  const assignments = await everyRow(
    (cursor) => listAssignments(ctx.db, owner.id, {}, { cursor, limit: PAGE, sort: 'createdAt' }),
    MOST_ROWS,
  );
  for (const assignment of assignments) {
    const profile = profiles.get(assignment.profileId);
    if (!profile || !holdsAt(assignment, now)) continue;
    const held = heldBy.get(assignment.userId) ?? [];
    // One profile given twice (two scopes, two windows) is one set of desires.
    if (!held.includes(profile)) held.push(profile);
    heldBy.set(assignment.userId, held);
  }

  const everyUser = await everyRow(
    (cursor) => users.listUsers(ctx.db, owner.id, { cursor, limit: PAGE, sort: 'username' }),
    MOST_ROWS,
  );
  const accounts = everyUser.flatMap((user) => {
    const held = heldBy.get(user.id) ?? [];
    if (query.profileId !== undefined && !held.some((profile) => profile.id === query.profileId)) return [];
    if (held.length === 0 && !settings.unassignedAccountsNonCompliant) return [];
    return [accountCompliance(user, held, settings.unassignedAccountsNonCompliant)];
  });
  return { tenant: { id: tenant.id, code: tenant.code, path: tenant.path }, settings, accounts };
}

/** How one account of the acting tenant stands against the profiles it holds now. */
export async function userCompliance(
  ctx: CoreContext,
  acting: ActingTenant,
  userId: string,
): Promise<AccountCompliance> {
  const user = await getUser(ctx, acting, userId);
  const tenant = await resolveTenantRef(ctx, acting, acting.id);
  const now = ctx.now();
  const held: Profile[] = [];
  const assignments = await everyRow(
    (cursor) => listAssignments(ctx.db, acting.id, { userId }, { cursor, limit: PAGE, sort: 'createdAt' }),
    MOST_ROWS,
  );
  for (const assignment of assignments) {
    if (!holdsAt(assignment, now) || held.some((profile) => profile.id === assignment.profileId)) continue;
    const profile = await getProfile(ctx, acting, assignment.profileId);
    if (profile.enabled) held.push(profile);
  }
  return accountCompliance(user, held, complianceSettingsOf(tenant).unassignedAccountsNonCompliant);
}
