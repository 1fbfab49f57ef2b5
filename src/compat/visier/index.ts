import type { CompatApi } from '../kit/compat-api.js';
import { compatRouteConfig } from '../kit/route-config.js';
import { ASID_COOKIE, visierAuthenticator } from './authentication.js';
import { visierStatus } from './errors.js';
import { registerModelBodies } from './model-body.js';
import type { VisierRoutes } from './route-config.js';
import { accessibleTenantProfileRoutes } from './routes/accessible-tenant-profiles.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { profileRoutes } from './routes/profiles.js';
import { reportRoutes } from './routes/reports.js';
import { tenantRoutes } from './routes/tenants.js';
import { tokenRoutes } from './routes/tokens.js';
import { userProfileRoutes } from './routes/user-profiles.js';
import { userRoutes } from './routes/users.js';

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
export const visier: CompatApi = {
  name: 'visier',
  title: 'Visier',
  prefixes: ['/v1/admin', '/v1/auth'],
  openapi: {
    tags: [
      {
        name: 'Visier: Authentication',
        description: 'Visier compat API: secure tokens and OAuth 2.0 tokens (see docs/compat/visier.md)',
      },
      { name: 'Visier: Profiles', description: 'Visier compat API: profiles and their assignment' },
      { name: 'Visier: Users', description: 'Visier compat API: users and reports' },
      { name: 'Visier: Tenants', description: 'Visier compat API: analytic tenants and capabilities' },
    ],
    securitySchemes: {
      visierApiKey: {
        type: 'apiKey',
        in: 'header',
        name: 'apikey',
        description: 'Visier compat API: an API key of your tenant, sent with every call',
      },
      visierAsidToken: {
        type: 'apiKey',
        in: 'cookie',
        name: ASID_COOKIE,
        description: 'Visier compat API: the token from POST /v1/admin/visierSecureToken',
      },
    },
  },
  errors: visierStatus,
  schemas: [visierStatus.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'visier',
      authenticate: visierAuthenticator(deps),
      targetTenantHeader: 'targettenantid',
    });
    const routes: VisierRoutes = { config: (scope, options) => config(scope, options) };
    return async (app) => {
      visierStatus.register(app);
      registerModelBodies(app);
      tokenRoutes(app, deps);
      for (const register of routeFiles) register(app, routes);
    };
  },
};
