import { forEachApp } from '../../support/app.js';
import { bearerAccessToken, type Presenter } from '../../support/credentials.js';
import { newUser } from '../../support/fixtures.js';
import { guardedRoutes, type ResourceMaker } from '../../support/security-routes.js';
import { securitySuite } from '../../support/security-suite.js';

/** Cisco's one presentation: a bearer access token of an OAuth client. */
const presenters: Presenter[] = [
  { ...bearerAccessToken, name: 'Cisco: Authorization: Bearer <access token>' },
];

const bodies: Record<string, unknown> = {
  'POST /iroh/profile/org': { name: 'probe' },
  'POST /iroh/profile/user': { 'user-nick': 'probe' },
  'POST /iroh/user-mgmt/users/:id': { 'user-nick': 'probe' },
  'POST /iroh/user-mgmt/search/users': { query: 'probe' },
};

const idOf = async (made: Promise<{ id: string }>) => (await made).id;
const resources: Record<string, ResourceMaker> = {
  '/iroh/user-mgmt/users': (t, tenant) => idOf(newUser(t, tenant)),
};

forEachApp('security of the Cisco XDR API', (t) => {
  securitySuite(t, {
    routes: (app) => guardedRoutes(app, /^\/iroh\//, bodies, 'cisco-xdr'),
    presenters,
    resources,
    tenantHeader: null,
    // A search is a read sent as a POST (its criteria are a JSON body).
    readingWrites: ['POST /iroh/user-mgmt/search/users'],
  });
});
