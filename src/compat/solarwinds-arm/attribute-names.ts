import type { ActingTenant, CoreContext } from '../../core/context.js';
import { directoryAttributeNames } from '../../core/services/directory.service.js';
import { everyRow } from '../../core/services/page.js';
import { listProfiles } from '../../core/services/profile.service.js';

/**
 * The LDAP attributes a profile of the tenant may require: those its directories read for their
 * accounts, and those its profiles already require (given through any API). Names ignore case
 * (the directories' spelling wins), in alphabetical order.
 */
export async function attributeNames(ctx: CoreContext, tenant: ActingTenant): Promise<string[]> {
  const [configured, profiles] = await Promise.all([
    directoryAttributeNames(ctx, tenant),
    everyRow((cursor) => listProfiles(ctx, tenant, { cursor, limit: 500, sort: 'name' })),
  ]);
  const names = new Map(configured.map((name) => [name.toLowerCase(), name]));
  for (const profile of profiles) {
    for (const { name } of profile.desiredLdapAttributes) {
      if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b, 'en'));
}
