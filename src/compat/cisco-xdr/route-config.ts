import type { FastifyContextConfig } from 'fastify';
import type { Scope } from '../../auth/scopes.js';

export const tags = {
  authentication: ['Cisco XDR: Authentication'],
  profile: ['Cisco XDR: Profile'],
  users: ['Cisco XDR: User management'],
};

/** Cisco's one presentation: a bearer access token. */
export const ciscoSecurity: { [scheme: string]: string[] }[] = [{ ciscoOAuth2: [] }, { bearer: [] }];

export interface CiscoRoutes {
  /** The config of a Cisco route needing `scope` (null: any valid token). Cisco has no tenant header. */
  config(scope: Scope | null): FastifyContextConfig;
}
