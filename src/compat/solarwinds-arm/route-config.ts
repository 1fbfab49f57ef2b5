import type { FastifyContextConfig } from 'fastify';
import type { Scope } from '../../auth/scopes.js';

export const tags = {
  session: ['SolarWinds ARM: Session'],
  profiles: ['SolarWinds ARM: Profiles'],
};

/** ARM's presentations: the session cookie, or the same session id as a bearer token. */
export const armSecurity: { [scheme: string]: string[] }[] = [{ armSessionCookie: [] }, { bearer: [] }];

export interface ArmRoutes {
  /** The config of an ARM route needing `scope` (null: any session). The tenant is the session's. */
  config(scope: Scope | null): FastifyContextConfig;
}

/** Where ARM's profile paths start (exactly as cased: see the registry entry). */
export const PROFILES = '/api/v1/Profiles';
export const SESSION = '/api/v1/session';
