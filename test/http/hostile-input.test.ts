import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer, type TestApp } from '../support/app.js';

/** The native API's GET routes that take `limit` (every list), as the app registered them. */
function listRoutes(t: TestApp): string[] {
  return t.routes
    .filter((r) => r.method === 'GET' && r.config?.source === undefined)
    .filter((r) => {
      const query = r.schema?.querystring as { properties?: Record<string, unknown> } | undefined;
      return query?.properties?.limit !== undefined;
    })
    .map((r) => r.url);
}

const withIds = (url: string) => url.replace(/:[A-Za-z]+/g, '0190b7e4-0000-7000-8000-00000000dead');
const refused = (res: Answer, what: string) => {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: ${res.statusCode} ${res.body}`);
};

forEachApp('hostile input is a 4xx, never a 500', (t) => {
  test('every list refuses a limit that is not a whole number in range', async () => {
    const lists = listRoutes(t());
    assert.ok(lists.length >= 10, `found only ${lists.join(', ')}`);
    for (const url of lists) {
      for (const limit of ['Infinity', '1e400', '-1', '0', '1.5', 'many', '99999999999999999999']) {
        const res = await t().request({ method: 'GET', url: `${withIds(url)}?limit=${limit}` });
        assert.equal(res.statusCode, 400, `${url}?limit=${limit}: ${res.body}`);
      }
    }
  });

  test('NUL and lone surrogates are refused in paths, queries and bodies, naming the field', async () => {
    const path = await t().request({ method: 'GET', url: '/v1/users/a%00b' });
    assert.equal(path.statusCode, 400, path.body);
    assert.match(path.body, /\/params\/id must not hold a NUL character/);
    for (const url of [
      '/v1/users?filter=username%20eq%20%22a%00%22',
      '/v1/tenants?cursor=%00',
      '/v1/profiles?sort=%00',
    ]) {
      const res = await t().request({ method: 'GET', url });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    }
    const nul = await t().request({
      method: 'POST',
      url: '/v1/users',
      payload: { username: 'nul\u0000user' },
    });
    assert.equal(nul.statusCode, 400, nul.body);
    assert.deepEqual(nul.json().errors, [
      { pointer: '/username', detail: 'must not hold a NUL character or a lone surrogate' },
    ]);
    const surrogate = await t().request({
      method: 'POST',
      url: '/v1/profiles',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"half \\ud800 a pair"}',
    });
    assert.equal(surrogate.statusCode, 400, surrogate.body);
    const pair = await t().request({
      method: 'POST',
      url: '/v1/profiles',
      payload: { name: `whole 😀 ${Date.now()}` },
    });
    assert.equal(pair.statusCode, 201, `a proper surrogate pair is text: ${pair.body}`);
    const header = await t().request({
      method: 'GET',
      url: '/v1/users',
      headers: { 'target-tenant': 'a\u0000b' },
    });
    refused(header, 'NUL in Target-Tenant');
  });

  test('a URL that cannot be decoded is a 400: problem+json, or the shape of the compat API owning the path', async () => {
    for (const url of ['/v1/users/%ED%A0%80', '/v1/users/%E0%A4%A', '/v1/admin/users/%FF']) {
      const res = await t().request({ method: 'GET', url });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      const visier = url.startsWith('/v1/admin/');
      assert.match(
        String(res.headers['content-type']),
        visier ? /^application\/json/ : /^application\/problem\+json/,
      );
      assert.equal(res.json().code, 'request.malformed');
      if (visier) assert.equal(res.json().userError, true, "Visier's Status");
    }
  });

  test('filter values outside their column are refused before SQL', async () => {
    for (const filter of [
      'createdAt gt 1e30',
      'createdAt gt 1.5',
      'createdAt gt 99999999999999999999',
      'version gt 1.5',
      'sessionDurationSeconds lt 1e300',
    ]) {
      const res = await t().request({
        method: 'GET',
        url: `/v1/profiles?filter=${encodeURIComponent(filter)}`,
      });
      assert.equal(res.statusCode, 400, `${filter}: ${res.body}`);
      assert.equal(res.json().code, 'query.invalid_filter');
    }
    // Beyond PostgreSQL's integer column, the database refuses it itself: a 400 there too.
    const wide = await t().request({
      method: 'GET',
      url: `/v1/profiles?filter=${encodeURIComponent('version gt 99999999999')}`,
    });
    assert.ok(wide.statusCode === 200 || wide.statusCode === 400, wide.body);
  });

  test('a forged cursor is a 400, whatever it holds', async () => {
    for (const values of [
      [1.5, 'x'],
      [1e30, 'x'],
      ['\u0000', 'x'],
      ['2026', 'x'],
    ]) {
      const body = { s: 'createdAt,id', f: 'R7Kt6Ey5pYl4', v: values };
      const cursor = Buffer.from(JSON.stringify(body)).toString('base64url');
      const res = await t().request({ method: 'GET', url: `/v1/users?sort=createdAt&cursor=${cursor}` });
      assert.equal(res.statusCode, 400, `${JSON.stringify(values)}: ${res.body}`);
    }
  });

  test('a credential for the empty user id is refused, not a foreign-key failure', async () => {
    for (const url of ['/v1/api-keys', '/v1/oauth-clients', '/v1/access-keys']) {
      const res = await t().request({ method: 'POST', url, payload: { name: 'probe', userId: '' } });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      const unknown = await t().request({
        method: 'POST',
        url,
        payload: { name: 'probe', userId: '0190b7e4-0000-7000-8000-00000000dead' },
      });
      assert.equal(unknown.statusCode, 404, `${url}: ${unknown.body}`);
    }
  });

  test("unknown query parameters are refused on every list, the plugins' too", async () => {
    for (const url of listRoutes(t()).filter((u) => !u.includes(':'))) {
      const res = await t().request({ method: 'GET', url: `${url}?surprise=1` });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(res.json().detail, /unknown field "surprise"/);
    }
  });
});
