import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureClient } from '../../../src/auth/bootstrap.js';
import { readOnlyScopes } from '../../../src/auth/scopes.js';
import { forEachApp } from '../../support/app.js';
import { tokenRequest } from '../../support/cisco.js';
import { actingOf, newTenant, newUser } from '../../support/fixtures.js';

const docsClient = { clientId: 'docs-reader', clientSecret: 'docs-reader-secret' };

forEachApp(
  'Cisco XDR in /docs, with the read-only client filled in',
  (t) => {
    test('/docs offers the Cisco token endpoint and fills in the read-only client', async () => {
      const doc = (await t().app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const scheme = doc.components.securitySchemes.ciscoOAuth2;
      assert.equal(scheme.flows.clientCredentials.tokenUrl, '/iroh/oauth2/token');
      assert.ok('profile:read' in scheme.flows.clientCredentials.scopes);
      const init = await t().app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
      assert.equal(init.statusCode, 200);
      assert.match(init.body, /docs-reader-secret/);
      const whoami = doc.paths['/iroh/profile/whoami'].get;
      assert.deepEqual(whoami.security, [{ ciscoOAuth2: [] }, { bearer: [] }]);
    });

    test('with it, the token POST and every GET (and the search) work; every write is 403', async () => {
      const tenant = await newTenant(t());
      await ensureClient(t().ctx, t().auth, actingOf(t(), tenant), {
        ...docsClient,
        name: 'Read-only docs client',
        scopes: readOnlyScopes,
      });
      const user = await newUser(t(), tenant);
      const token = await t().app.inject(tokenRequest(docsClient.clientId, docsClient.clientSecret));
      assert.equal(token.statusCode, 200, token.body);
      const authorization = `Bearer ${token.json().access_token}`;
      const routes = t().routes.filter((r) => r.config?.source === 'cisco-xdr' && r.url.startsWith('/iroh/'));
      const calls = routes.flatMap((r) =>
        [r.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((method) => ({ method, url: r.url })),
      );
      assert.ok(calls.length >= 12, String(calls.length));
      for (const { method, url } of calls) {
        if (url === '/iroh/oauth2/token') continue;
        const res = await t().app.inject({
          method: method as 'GET' | 'POST',
          url: url.replace(':id', user.id).replace('batch/users', `batch/users?id=${user.id}`),
          headers: { authorization },
          ...(method === 'POST' && { payload: url.endsWith('search/users') ? {} : { 'user-nick': 'x' } }),
        });
        const reads = method === 'GET' || url.endsWith('/search/users');
        assert.equal(res.statusCode, reads ? 200 : 403, `${method} ${url}: ${res.body}`);
      }
    });
  },
  { docsClient },
);
