import type { ActingTenant, CoreContext } from '../../core/context.js';
import { getTenant } from '../../core/services/tenant.service.js';
import { groupIndexOf } from './account.mapper.js';
import { timeZoneOf } from './local-time.js';
import type { ProfileView } from './profile.mapper.js';

/** What the tenant's profiles are shown with: its time zone and its group records. */
export async function profileViewOf(ctx: CoreContext, tenant: ActingTenant): Promise<ProfileView> {
  const [placed, groups] = await Promise.all([getTenant(ctx, tenant, tenant.id), groupIndexOf(ctx, tenant)]);
  return { zone: timeZoneOf(placed.settings), groups };
}
