import type { CompatApi } from '../kit/compat-api.js';
import { compatRouteConfig } from '../kit/route-config.js';
import { britiveAuthenticator } from './authentication.js';
import { britiveError } from './errors.js';
import type { BritiveRoutes } from './route-config.js';
import { advancedSettingsRoutes } from './routes/advanced-settings.js';
import { associationRoutes } from './routes/associations.js';
import { catalogRoutes } from './routes/catalog.js';
import { cloneRoutes } from './routes/clone.js';
import { policyRoutes } from './routes/policies.js';
import { profilePermissionRoutes } from './routes/profile-permissions.js';
import { profileRoutes } from './routes/profiles.js';
import { systemRoutes } from './routes/system.js';

/** Every route file of the Britive API that takes only the route config, in this order. */
const routeFiles = [
  profileRoutes,
  cloneRoutes,
  associationRoutes,
  profilePermissionRoutes,
  policyRoutes,
  advancedSettingsRoutes,
  catalogRoutes,
];

/**
 * Britive's Resource Manager (access broker) profiles, their permissions, policies and the catalog
 * behind them, at Britive's paths with its camelCase fields, paging and `Authorization: TOKEN`.
 */
export const britive: CompatApi = {
  name: 'britive',
  title: 'Britive',
  prefixes: ['/api/resource-manager', '/api/health', '/api/features', '/api/token'],
  openapi: {
    tags: [
      {
        name: 'Britive: System',
        description: 'Britive compat API: health, features, API tokens (see docs/compat/britive.md)',
      },
      {
        name: 'Britive: Profiles',
        description: 'Britive compat API: resource profiles, associations, clone',
      },
      { name: 'Britive: Profile permissions', description: 'Britive compat API: permissions of a profile' },
      {
        name: 'Britive: Policies',
        description: 'Britive compat API: policies and advanced settings of a profile',
      },
      { name: 'Britive: Catalog', description: 'Britive compat API: resource types, permissions, labels' },
    ],
    securitySchemes: {
      britiveToken: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Britive compat API: `TOKEN <api token>` (or `Bearer <api token>`)',
      },
    },
  },
  errors: britiveError,
  schemas: [britiveError.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'britive',
      authenticate: britiveAuthenticator(deps),
      targetTenantHeader: null,
    });
    const routes: BritiveRoutes = { config: (scope) => config(scope) };
    return async (app) => {
      britiveError.register(app);
      systemRoutes(app, routes, deps);
      for (const register of routeFiles) register(app, routes);
    };
  },
};
