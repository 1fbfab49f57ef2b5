import type { CompatApi } from '../kit/compat-api.js';
import { compatRouteConfig } from '../kit/route-config.js';
import { ciscoAuthenticator } from './authentication.js';
import { ciscoError } from './errors.js';
import type { CiscoRoutes } from './route-config.js';
import { jwksRoutes } from './routes/jwks.js';
import { profileRoutes } from './routes/profile.js';
import { tokenRoutes } from './routes/token.js';
import { userMgmtRoutes } from './routes/user-mgmt.js';
import { ciscoScopes } from './scopes.js';

/**
 * Cisco XDR's (IROH's) Profile API, user management and OAuth token endpoint, at Cisco's paths,
 * with its kebab-case fields, scope words and error bodies. An org is a tenant; an account, a user.
 */
export const ciscoXdr: CompatApi = {
  name: 'cisco-xdr',
  title: 'Cisco XDR',
  prefixes: ['/iroh', '/.well-known/jwks'],
  openapi: {
    tags: [
      {
        name: 'Cisco XDR: Authentication',
        description: 'Cisco XDR compat API: OAuth 2.0 client credentials (see docs/compat/cisco-xdr.md)',
      },
      {
        name: 'Cisco XDR: Profile',
        description: 'Cisco XDR compat API: who you are, your profile, your org',
      },
      { name: 'Cisco XDR: User management', description: "Cisco XDR compat API: your org's accounts" },
    ],
    securitySchemes: {
      ciscoOAuth2: {
        type: 'oauth2',
        description: 'Cisco XDR compat API: client credentials by HTTP Basic at POST /iroh/oauth2/token',
        flows: {
          clientCredentials: {
            tokenUrl: '/iroh/oauth2/token',
            scopes: Object.fromEntries(
              Object.entries(ciscoScopes).map(([word, { description }]) => [word, description]),
            ),
          },
        },
      },
    },
  },
  errors: ciscoError,
  schemas: [ciscoError.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'cisco-xdr',
      authenticate: ciscoAuthenticator(deps),
      targetTenantHeader: null,
    });
    const routes: CiscoRoutes = { config: (scope) => config(scope) };
    return async (app) => {
      ciscoError.register(app);
      tokenRoutes(app, deps);
      jwksRoutes(app, deps);
      profileRoutes(app, routes, deps);
      userMgmtRoutes(app, routes);
    };
  },
};
