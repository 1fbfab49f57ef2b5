import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { holdsUnstorableText } from '../model/text.js';
import { resolveTenantRef, tenantNotFound } from './tenant.service.js';

/** What a tenant id or code can be: 1 to 200 characters of text that can be stored. */
const plausibleRef = (ref: string) => ref.length >= 1 && ref.length <= 200 && !holdsUnstorableText(ref);

/**
 * The tenant a request acts from: its credential's own tenant, or a descendant of it named by id
 * or code. A tenant outside that subtree does not exist for the request (tenant.not_found).
 */
export async function actingTenantFor(
  ctx: CoreContext,
  home: ActingTenant,
  named: string | undefined,
): Promise<ActingTenant> {
  if (named === undefined || named === '') return home;
  // No tenant has such a name (a header is text nothing validated): not found, as any unknown one.
  if (!plausibleRef(named)) throw tenantNotFound(named.slice(0, 200));
  return cachedRead(ctx, `acting:${home.path}:${named}`, ['tenants'], async () => {
    const tenant = await resolveTenantRef(ctx, home, named);
    return { id: tenant.id, path: tenant.path };
  });
}

/** The acting tenant of a request that has no credential: it sees no tenant at all. */
export const noTenant: ActingTenant = { id: '', path: '/~none~/' };
