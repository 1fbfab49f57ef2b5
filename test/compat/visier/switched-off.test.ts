import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';

forEachApp(
  'COMPAT_APIS=none',
  (t) => {
    test('the Visier paths are not served; the native API is', async () => {
      for (const url of ['/v1/admin/profiles', '/v1/admin/users']) {
        const res = await t().request({ method: 'GET', url, headers: { apikey: 'pk_x' } });
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().code, 'route.not_found');
      }
      const token = await t().app.inject({ method: 'POST', url: '/v1/admin/visierSecureToken' });
      assert.equal(token.statusCode, 404);
      assert.equal((await t().request({ method: 'GET', url: '/v1/profiles' })).statusCode, 200);
    });
  },
  { compatApis: [] },
);
