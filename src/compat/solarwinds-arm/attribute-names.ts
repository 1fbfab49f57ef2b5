import type { ActingTenant, CoreContext } from '../../core/context.js';
import { everyRow } from '../../core/services/page.js';
import { listProfiles } from '../../core/services/profile.service.js';
import { listUsers } from '../../core/services/user.service.js';

const PAGE = 500;

/**
 * The LDAP attributes a profile of the tenant may require: every attribute its accounts' directory
 * reports and every one its profiles already require. Names ignore case (the first spelling met
 * is kept), in alphabetical order.
 */
export async function attributeNames(ctx: CoreContext, tenant: ActingTenant): Promise<string[]> {
  const [users, profiles] = await Promise.all([
    everyRow((cursor) => listUsers(ctx, tenant, { cursor, limit: PAGE, sort: 'username' }), 1_000_000),
    everyRow((cursor) => listProfiles(ctx, tenant, { cursor, limit: PAGE, sort: 'name' })),
  ]);
  const names = new Map<string, string>();
  const meet = (name: string) => {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  };
  for (const user of users) for (const a of user.directory.actualAttributes) meet(a.name);
  for (const profile of profiles) for (const a of profile.desiredLdapAttributes) meet(a.name);
  return [...names.values()].sort((a, b) => a.localeCompare(b, 'en'));
}
