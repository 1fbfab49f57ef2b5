import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { compatApis } from '../../src/compat/index.js';
import type { CompatApi } from '../../src/compat/kit/compat-api.js';
import { errorShape } from '../../src/compat/kit/error-shape.js';
import { authenticatedBy, authorizationToken } from '../../src/compat/kit/presenters.js';
import { compatRouteConfig } from '../../src/compat/kit/route-config.js';
import { getProfile } from '../../src/core/services/profile.service.js';
import { forEachApp } from '../support/app.js';
import { bearerAccessToken } from '../support/credentials.js';
import { actingOf, newProfile, newTenant } from '../support/fixtures.js';
import { guardedRoutes } from '../support/security-routes.js';
import { securitySuite } from '../support/security-suite.js';

/**
 * docs/architecture.md, "Adding a vendor", followed step by step: a vendor built only from the
 * kit, one entry beside the registry's, and everything the registry promises holds for it.
 */
const acmeErrors = errorShape({
  schema: Type.Object({ message: Type.String(), code: Type.String() }, { $id: 'AcmeError' }),
  body: (e) => ({ message: e.detail, code: e.code }),
  challenge: 'Bearer realm="acme"',
});

const AcmeProfile = Type.Object({ id: Type.String(), title: Type.String() });

const acme: CompatApi = {
  name: 'acme',
  title: 'Acme',
  prefixes: ['/acme/api'],
  openapi: {
    tags: [{ name: 'Acme: Profiles', description: 'Acme compat API: profiles' }],
    securitySchemes: { acmeToken: { type: 'http', scheme: 'bearer' } },
  },
  schemas: [acmeErrors.schema],
  routes: (deps) => {
    const config = compatRouteConfig({
      source: 'acme',
      authenticate: authenticatedBy(
        deps,
        [authorizationToken(['Bearer'])],
        'send Authorization: Bearer <token>',
      ),
      targetTenantHeader: null,
    });
    return async (app) => {
      acmeErrors.register(app);
      app.withTypeProvider<TypeBoxTypeProvider>().get(
        '/acme/api/profiles/:profileId',
        {
          config: config('profiles:read'),
          schema: {
            tags: ['Acme: Profiles'],
            params: Type.Object({ profileId: Type.String({ maxLength: 100 }) }),
            response: { 200: AcmeProfile, ...acmeErrors.responses(404) },
          },
        },
        async (request) => {
          const profile = await getProfile(request.core, request.acting, request.params.profileId);
          return { id: profile.id, title: profile.name };
        },
      );
    };
  },
};

forEachApp(
  'a vendor added as the docs say: a folder and one line in the registry',
  (t) => {
    test('its routes answer over core, in its own error shape and WWW-Authenticate', async () => {
      const tenant = await newTenant(t());
      const profile = await newProfile(t(), tenant, { name: 'Acme reader' });
      // A token of the tenant, as a client of the vendor would hold one.
      const bearer = {
        authorization: `Bearer ${await t().tokenFor(['profiles:read'], actingOf(t(), tenant))}`,
      };
      const found = await t().request({
        method: 'GET',
        url: `/acme/api/profiles/${profile.id}`,
        headers: bearer,
      });
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(found.json(), { id: profile.id, title: 'Acme reader' });
      const missing = await t().request({
        method: 'GET',
        url: '/acme/api/profiles/nothing',
        headers: bearer,
      });
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(Object.keys(missing.json()).sort(), ['code', 'message']);
      assert.equal(missing.json().code, 'profile.not_found');
      const anonymous = await t().app.inject({ method: 'GET', url: `/acme/api/profiles/${profile.id}` });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.headers['www-authenticate'], 'Bearer realm="acme"');
    });

    test('the OpenAPI document shows its tag and security scheme', async () => {
      const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.ok(doc.tags.some((tag: { name: string }) => tag.name === 'Acme: Profiles'));
      assert.ok(doc.components.securitySchemes.acmeToken);
      assert.ok(doc.paths['/acme/api/profiles/{profileId}'].get);
    });

    securitySuite(t, {
      routes: (app) => guardedRoutes(app, /^\/acme\//, {}, 'acme'),
      presenters: [bearerAccessToken],
      resources: { '/acme/api/profiles': (app, tenant) => newProfile(app, tenant).then((p) => p.id) },
      tenantHeader: null,
    });
  },
  { compatRegistry: [...compatApis, acme] },
);
