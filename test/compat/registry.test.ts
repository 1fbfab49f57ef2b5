import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { compatApiNames, compatApis, mountCompatApis } from '../../src/compat/index.js';
import type { CompatApi } from '../../src/compat/kit/compat-api.js';
import { errorShape } from '../../src/compat/kit/error-shape.js';
import { overlappingClaims } from '../../src/compat/kit/path-prefixes.js';
import { createRateLimit } from '../../src/http/plugins/rate-limit.js';
import { forEachApp, testAuthSettings } from '../support/app.js';
import { openTestDatabase } from '../support/databases.js';
import { newTenant } from '../support/fixtures.js';
import { visierClient } from '../support/visier.js';

/** A vendor API owning `prefixes`, serving GET on each, as a registry entry would declare it. */
function fakeApi(name: string, prefixes: string[], options: Partial<CompatApi> = {}): CompatApi {
  const shape = errorShape({
    schema: Type.Object({ message: Type.String() }, { $id: `${name}Error` }),
    body: (error) => ({ message: error.detail }),
    challenge: 'Bearer',
  });
  return {
    name,
    title: name,
    prefixes,
    openapi: { tags: [], securitySchemes: {} },
    schemas: [shape.schema],
    routes: () => async (app) => {
      for (const prefix of prefixes)
        app.get(`${prefix}/items`, { config: { public: true } }, async () => ({ name }));
    },
    ...options,
  };
}

async function mount(apis: CompatApi[], prefixes: Record<string, string> = {}, nativeUrls: string[] = []) {
  const database = await openTestDatabase('sqlite');
  const app = Fastify();
  try {
    const deps = {
      db: database.db,
      auth: testAuthSettings(database.db),
      now: Date.now,
      limits: createRateLimit({
        db: database.db,
        perAddress: 10,
        perClient: 10,
        windowMs: 60_000,
        now: Date.now,
      }),
    };
    await mountCompatApis(app, apis, { prefixes, nativeUrls, deps });
    return await app.inject({
      method: 'GET',
      url: `${prefixes[apis[0]!.name] ?? ''}${apis[0]!.prefixes[0]}/items`,
    });
  } finally {
    await app.close();
    await database.close();
  }
}

test('the registry lists each compat API once, with prefixes and the schemas its routes refer to', () => {
  assert.deepEqual(compatApiNames, ['visier', 'cisco-xdr', 'solarwinds-arm', 'britive', 'naver-cloud']);
  for (const api of compatApis) {
    assert.match(api.name, /^[a-z][a-z0-9-]*$/);
    assert.ok(api.prefixes.length > 0 && api.prefixes.every((p) => /^\/[^/]/.test(p) && !p.endsWith('/')));
    assert.ok(api.schemas.every((s) => typeof (s as { $id?: unknown }).$id === 'string'));
  }
});

test('two APIs whose prefixes differ only in case are refused, naming both and COMPAT_PREFIX_<API>', async () => {
  const ncp = fakeApi('naver-cloud', ['/api/v1/profiles']);
  const arm = fakeApi('solarwinds-arm', ['/api/v1/Profiles']);
  await assert.rejects(
    mount([ncp, arm]),
    /naver-cloud claims \/api\/v1\/profiles and solarwinds-arm claims \/api\/v1\/Profiles.*COMPAT_PREFIX_NAVER_CLOUD=\/compat\/naver-cloud/,
  );
  // Nested prefixes overlap too; other paths do not.
  await assert.rejects(mount([fakeApi('a', ['/api']), fakeApi('b', ['/API/v2'])]), /overlap/);
  assert.equal((await mount([fakeApi('a', ['/api/v1/a']), fakeApi('b', ['/api/v1/ab'])])).statusCode, 200);
});

test('case-sensitive routing on both sides, or a mount prefix, lets them live side by side', async () => {
  const sensitive = { caseSensitive: true };
  const ncp = fakeApi('naver-cloud', ['/api/v1/profiles'], sensitive);
  const arm = fakeApi('solarwinds-arm', ['/api/v1/Profiles'], sensitive);
  assert.equal((await mount([ncp, arm])).json().name, 'naver-cloud');
  // One side case-sensitive is not enough: the other's clients may send any case.
  await assert.rejects(mount([ncp, fakeApi('solarwinds-arm', ['/api/v1/Profiles'])]), /overlap/);
  const mounted = await mount(
    [fakeApi('solarwinds-arm', ['/api/v1/Profiles']), fakeApi('naver-cloud', ['/api/v1/profiles'])],
    {
      'solarwinds-arm': '/compat/solarwinds-arm',
    },
  );
  assert.equal(mounted.statusCode, 200);
  assert.equal(mounted.json().name, 'solarwinds-arm');
});

test("an API may not claim the native API's paths, nor register a route outside its own prefixes", async () => {
  await assert.rejects(
    mount([fakeApi('rogue', ['/V1/Tenants'])], {}, ['/v1/tenants', '/v1/tenants/:id']),
    /native claims \/v1\/tenants and rogue claims \/V1\/Tenants/,
  );
  const stray = fakeApi('stray', ['/stray'], {
    routes: () => async (app) => void app.get('/elsewhere', { config: { public: true } }, async () => ({})),
  });
  await assert.rejects(mount([stray]), /stray registers \/elsewhere, outside its prefixes \/stray/);
  assert.deepEqual(overlappingClaims([{ owner: 'x', prefix: '/a', caseSensitive: false }]), []);
});

forEachApp(
  'COMPAT_PREFIX_VISIER=/compat/visier',
  (t) => {
    test("Visier's API answers under the prefix, and no longer at its own paths", async () => {
      const tenant = await newTenant(t());
      const visier = await visierClient(t(), tenant);
      const moved = await visier.request({ method: 'GET', url: '/compat/visier/v1/admin/profiles' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.ok(Array.isArray(moved.json().profiles));
      const refused = await t().app.inject({ method: 'GET', url: '/compat/visier/v1/admin/profiles' });
      assert.equal(refused.statusCode, 401);
      assert.equal(typeof refused.json().rci, 'string', "a 401 in Visier's Status shape");
      const old = await visier.request({ method: 'GET', url: '/v1/admin/profiles' });
      assert.equal(old.statusCode, 404);
      assert.equal(old.json().code, 'route.not_found');
    });
  },
  { compatPrefixes: { visier: '/compat/visier' } },
);
