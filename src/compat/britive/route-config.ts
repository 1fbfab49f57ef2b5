import type { FastifyContextConfig } from 'fastify';
import type { Scope } from '../../auth/scopes.js';

export const tags = {
  system: ['Britive: System'],
  profiles: ['Britive: Profiles'],
  permissions: ['Britive: Profile permissions'],
  policies: ['Britive: Policies'],
  catalog: ['Britive: Catalog'],
};

/** Britive's presentation: `Authorization: TOKEN <token>` (or Bearer). */
export const britiveSecurity: { [scheme: string]: string[] }[] = [{ britiveToken: [] }, { bearer: [] }];

export interface BritiveRoutes {
  /** The config of a Britive route needing `scope` (null: any valid token). The tenant is the token's. */
  config(scope: Scope | null): FastifyContextConfig;
}

/** Where Britive's Resource Manager paths start. */
export const RM = '/api/resource-manager';
