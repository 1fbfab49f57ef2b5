import type { FastifyInstance } from 'fastify';
import type { AuthSettings } from '../../auth/auth-settings.js';
import type { Executor } from '../../store/executor.js';
import { visierAuthenticator } from './authentication.js';
import { registerVisierErrors } from './errors.js';
import { registerModelBodies } from './model-body.js';
import type { VisierRoutes } from './route-config.js';
import { accessibleTenantProfileRoutes } from './routes/accessible-tenant-profiles.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { profileRoutes } from './routes/profiles.js';
import { tenantRoutes } from './routes/tenants.js';
import { tokenRoutes } from './routes/tokens.js';
import { reportRoutes } from './routes/reports.js';
import { userProfileRoutes } from './routes/user-profiles.js';
import { userRoutes } from './routes/users.js';
import type { RateLimit } from '../../http/plugins/rate-limit.js';

export interface VisierOptions {
  db: Executor;
  auth: AuthSettings;
  now: () => number;
  /** The limits of the credential-checking endpoints, shared with the native ones. */
  limits: RateLimit;
}

/** Every route file of the Visier API, registered in this order. */
const routeFiles = [
  profileRoutes,
  accessibleTenantProfileRoutes,
  userProfileRoutes,
  userRoutes,
  tenantRoutes,
  capabilityRoutes,
  reportRoutes,
];

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
    tokenRoutes(app, options.auth, options.limits);
    for (const routes of routeFiles) routes(app, visier);
  };
}
