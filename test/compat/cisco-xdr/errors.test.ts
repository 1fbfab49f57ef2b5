import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { ciscoClient } from '../../support/cisco.js';
import { newTenant } from '../../support/fixtures.js';

forEachApp('errors no route answers, in the shape of the API owning the path', (t) => {
  test("an unknown path under /iroh is a 404 in Cisco's shape; under /v1/admin in Visier's; elsewhere problem+json", async () => {
    const cisco = await t().app.inject({ method: 'GET', url: '/iroh/profile/nope' });
    assert.equal(cisco.statusCode, 404);
    assert.equal(cisco.json().error, 'route.not_found');
    assert.match(cisco.json().error_description, /no route for GET \/iroh\/profile\/nope/);
    assert.equal(
      (await t().app.inject({ method: 'GET', url: '/IROH/Profile/WhoAmI' })).json().error,
      'route.not_found',
    );
    const visier = await t().app.inject({ method: 'GET', url: '/v1/admin/nope' });
    assert.equal(visier.statusCode, 404);
    assert.equal(visier.json().code, 'route.not_found');
    assert.equal(visier.json().userError, true);
    const native = await t().app.inject({ method: 'GET', url: '/v1/nope' });
    assert.match(native.headers['content-type'] as string, /^application\/problem\+json/);
    assert.equal(native.json().code, 'route.not_found');
  });

  test("a path the router refuses (an over-long id, bad percent-encoding) is a 400 in Cisco's shape", async () => {
    const client = await ciscoClient(t(), await newTenant(t()));
    for (const url of [`/iroh/user-mgmt/users/${'x'.repeat(600)}`, '/iroh/user-mgmt/users/%E0%A4%A']) {
      const res = await client.request({ method: 'GET', url });
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error, 'request.malformed', res.body);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
    }
  });
});
