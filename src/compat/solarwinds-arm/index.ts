import type { CompatApi } from '../kit/compat-api.js';
import { compatRouteConfig } from '../kit/route-config.js';
import { armAuthenticator, SESSION_COOKIE } from './authentication.js';
import { armError } from './errors.js';
import type { ArmRoutes } from './route-config.js';
import { accountRoutes } from './routes/accounts.js';
import { assignmentRoutes } from './routes/assignments.js';
import { configurationRoutes } from './routes/configuration.js';
import { profileInformationRoutes } from './routes/profile-information.js';
import { profileRoutes } from './routes/profiles.js';
import { sessionRoutes } from './routes/session.js';

/** Every route file of the ARM API that takes only the route config, in this order. */
const routeFiles = [
  profileRoutes,
  profileInformationRoutes,
  accountRoutes,
  configurationRoutes,
  assignmentRoutes,
];

/**
 * SolarWinds Access Rights Manager's web API for profiles, at ARM's paths exactly as cased (NAVER
 * Cloud's lower-case `/api/v1/profiles` is another path), with its PascalCase fields, ChangeResult
 * envelopes and session login.
 */
export const solarwindsArm: CompatApi = {
  name: 'solarwinds-arm',
  title: 'SolarWinds ARM',
  prefixes: ['/api/v1/Profiles', '/api/v1/session'],
  caseSensitive: true,
  openapi: {
    tags: [
      {
        name: 'SolarWinds ARM: Session',
        description: 'SolarWinds ARM compat API: login and logout (see docs/compat/solarwinds-arm.md)',
      },
      {
        name: 'SolarWinds ARM: Profiles',
        description: 'SolarWinds ARM compat API: profiles, their accounts, compliance and settings',
      },
    ],
    securitySchemes: {
      armSessionCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: 'SolarWinds ARM compat API: the SessionId from POST /api/v1/session/login',
      },
    },
  },
  errors: armError,
  schemas: [armError.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'solarwinds-arm',
      authenticate: armAuthenticator(deps),
      targetTenantHeader: null,
    });
    const routes: ArmRoutes = { config: (scope) => config(scope) };
    return async (app) => {
      armError.register(app);
      sessionRoutes(app, routes, deps);
      for (const register of routeFiles) register(app, routes);
    };
  },
};
