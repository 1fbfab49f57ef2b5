import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../../auth/auth-settings.js';
import type { Executor } from '../../store/executor.js';
import { visierAuthenticator } from './authentication.js';
import { registerVisierErrors } from './errors.js';
import { registerModelBodies } from './model-body.js';
import type { VisierRoutes } from './route-config.js';
import { accessibleTenantProfileRoutes } from './routes/accessible-tenant-profiles.js';
import { profileRoutes } from './routes/profiles.js';
import { reportRoutes } from './routes/reports.js';
import { userProfileRoutes } from './routes/user-profiles.js';

export interface VisierOptions {
  db: Executor;
  auth: AuthSettings;
  now: () => number;
}

/** Every route file of the Visier API, registered in this order. */
const routeFiles = [profileRoutes, accessibleTenantProfileRoutes, userProfileRoutes, reportRoutes];

/**
 * Visier's Administration API (profiles, users, tenants, capabilities) and its authentication,
 * at Visier's own paths, with its field names, error shape and `model=` form bodies.
 */
export function visierApi(options: VisierOptions) {
  const authenticate = visierAuthenticator(options.db, options.auth, options.now);
  const visier: VisierRoutes = {
    config: (scope, { ownTenantOnly = false } = {}) => ({
      scope,
      source: 'visier',
      authenticate,
      targetTenantHeader: ownTenantOnly ? null : 'targettenantid',
    }),
  };
  return async (app: FastifyInstance): Promise<void> => {
    registerVisierErrors(app);
    registerModelBodies(app);
    for (const routes of routeFiles) routes(app, visier);
  };
}
