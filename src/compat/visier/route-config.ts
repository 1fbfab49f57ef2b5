import type { FastifyContextConfig } from 'fastify';
import type { Scope } from '../../auth/scopes.js';

export const tags = {
  authentication: ['Visier: Authentication'],
  profiles: ['Visier: Profiles'],
  users: ['Visier: Users'],
  tenants: ['Visier: Tenants'],
};

/** Either presentation Visier accepts: apikey with the ASID cookie, or apikey with a bearer token. */
export const visierSecurity: { [scheme: string]: string[] }[] = [
  { visierApiKey: [], visierAsidToken: [] },
  { visierApiKey: [], bearer: [] },
];

export interface VisierRoutes {
  /**
   * The config of a Visier route needing `scope`. `TargetTenantID` picks the tenant it acts on,
   * except where `ownTenantOnly` (the accessible-tenants endpoints belong to the administrating tenant).
   */
  config(scope: Scope, options?: { ownTenantOnly?: boolean }): FastifyContextConfig;
}
