import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp, type Answer } from '../../support/app.js';
import { as, newTenant, type TenantRef } from '../../support/fixtures.js';
import { ncpKeyOf, ncpRequest, ncpSignature, type NcpKey } from '../../support/naver-cloud.js';

const ok = (answer: Answer, status = 200) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};
const apiError = (answer: Answer, status: number) => {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
};

const P = '/api/v1/profiles';

forEachApp('NAVER Cloud External Access profiles', (t) => {
  let tenant: TenantRef;
  let key: NcpKey;
  let account: string;
  const role = async (name: string, kind = 'external-access') =>
    ok(await as(t(), tenant, 'POST', '/v1/roles', { name, kind }), 201).id as string;

  test('set-up: a tenant, its access key and account number', async () => {
    tenant = await newTenant(t());
    key = await ncpKeyOf(t(), tenant, ['profiles:read', 'profiles:write', 'access:check']);
    account = ok(await as(t(), tenant, 'GET', `/v1/tenants/${tenant.id}`)).accountNumber;
  });

  test("a profile is created, read in the seed's shape, patched, enabled and deleted", async () => {
    const roleId = await role('seed-role');
    const made = ok(
      await ncpRequest(t(), key, 'POST', P, {
        name: 'profile000',
        description: 'profile',
        roleIdList: [roleId],
      }),
    );
    assert.deepEqual(Object.keys(made), [
      'profileId',
      'profileNrn',
      'name',
      'description',
      'enabled',
      'durationSeconds',
      'roleNrnList',
      'createTime',
      'updateTime',
    ]);
    assert.equal(made.profileNrn, `nrn:PUB:ExternalAccess::${account}:Profile/${made.profileId}`);
    assert.deepEqual([made.enabled, made.durationSeconds], [false, 3600]);
    assert.deepEqual(made.roleNrnList, [`nrn:PUB:IAM::${account}:Role/${roleId}`]);
    assert.match(made.createTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/);
    const path = `${P}/${made.profileId}`;
    assert.deepEqual(ok(await ncpRequest(t(), key, 'GET', path)), made);

    const patched = ok(
      await ncpRequest(t(), key, 'PATCH', path, { description: null, durationSeconds: 600 }),
    );
    assert.deepEqual(
      [patched.description, patched.durationSeconds, patched.roleNrnList.length],
      ['profile', 600, 1],
    );
    const cleared = ok(await ncpRequest(t(), key, 'PATCH', path, { roleIdList: [] }));
    assert.deepEqual(cleared.roleNrnList, []);
    const refused = apiError(await ncpRequest(t(), key, 'PATCH', path, { enabled: true }), 400);
    assert.equal(refused.errorCode, 1001);
    assert.match(refused.message, /enable or \/disable/);

    assert.equal(ok(await ncpRequest(t(), key, 'POST', `${path}/enable`)).enabled, true);
    assert.equal(ok(await ncpRequest(t(), key, 'POST', `${path}/disable`)).enabled, false);
    assert.equal(ok(await ncpRequest(t(), key, 'DELETE', path)).profileId, made.profileId);
    const gone = apiError(await ncpRequest(t(), key, 'GET', path), 404);
    assert.equal(gone.errorCode, 1002);
  });

  test('names, descriptions and durations are bounded, each broken rule named', async () => {
    const cases: [object, RegExp][] = [
      [{ name: 'ab' }, /name must be 3 to 30/],
      [{ name: '1abc' }, /starting with a letter/],
      [{ name: 'a'.repeat(31) }, /name must be 3 to 30/],
      [{ name: 'okname', description: 'é'.repeat(151) }, /at most 300 bytes/],
      [{ name: 'okname', durationSeconds: 599 }, /from 600 to 43200/],
      [{ name: 'okname', durationSeconds: 43_201 }, /from 600 to 43200/],
    ];
    for (const [body, rule] of cases) {
      const refused = apiError(await ncpRequest(t(), key, 'POST', P, body), 400);
      assert.match(refused.message, rule, JSON.stringify(body));
    }
    ok(
      await ncpRequest(t(), key, 'POST', P, {
        name: 'edge.ok',
        description: 'é'.repeat(150),
        durationSeconds: 43_200,
      }),
    );
    apiError(await ncpRequest(t(), key, 'POST', P, { name: 'edge.ok' }), 409);
  });

  test('roles: unknown, of another kind or mapped elsewhere are refused, naming the role', async () => {
    const server = await role('vm-role', 'server');
    const mapped = await role('mapped-role');
    ok(await ncpRequest(t(), key, 'POST', P, { name: 'holder', roleIdList: [mapped] }));
    for (const [ids, rule] of [
      [['no-such-role'], /role no-such-role does not exist/],
      [[server], /server role/],
      [[mapped], /already mapped to profile "holder"/],
    ] as const) {
      const refused = apiError(
        await ncpRequest(t(), key, 'POST', P, { name: 'other', roleIdList: ids }),
        400,
      );
      assert.match(refused.message, rule);
    }
  });

  test('lists page with totalElements and search by name or by NRN', async () => {
    const own = await newTenant(t());
    const k = await ncpKeyOf(t(), own, ['profiles:read', 'profiles:write']);
    const ids: string[] = [];
    for (const name of ['alpha1', 'alpha2', 'beta1'])
      ids.push(ok(await ncpRequest(t(), k, 'POST', P, { name })).profileId);
    const first = ok(await ncpRequest(t(), k, 'GET', `${P}?page=0&size=2`));
    assert.deepEqual([first.pageNo, first.pageSize, first.totalElements, first.content.length], [0, 2, 3, 2]);
    const second = ok(await ncpRequest(t(), k, 'GET', `${P}?page=1&size=2`));
    assert.deepEqual(
      second.content.map((p: any) => p.name),
      ['beta1'],
    );
    const byName = ok(await ncpRequest(t(), k, 'GET', `${P}?searchColumn=name&searchWord=alpha`));
    assert.equal(byName.totalElements, 2);
    const nrn = first.content[0].profileNrn;
    const byNrn = ok(
      await ncpRequest(t(), k, 'GET', `${P}?searchColumn=profileNrn&searchWord=${encodeURIComponent(nrn)}`),
    );
    assert.deepEqual(
      byNrn.content.map((p: any) => p.profileNrn),
      [nrn],
    );
    // Another tenant's key sees none of them.
    const none = ok(await ncpRequest(t(), key, 'GET', `${P}?searchColumn=name&searchWord=alpha`));
    assert.equal(none.totalElements, 0);
    apiError(await ncpRequest(t(), key, 'GET', `${P}/${ids[0]}`), 404);
  });

  test('enable and disable show in native effective access at once', async () => {
    const roleId = await role('live-role');
    const profile = ok(await ncpRequest(t(), key, 'POST', P, { name: 'live', roleIdList: [roleId] }));
    const user = ok(await as(t(), tenant, 'POST', '/v1/users', { username: 'ncp-user' }), 201);
    ok(
      await as(t(), tenant, 'POST', '/v1/assignments', { userId: user.id, profileId: profile.profileId }),
      201,
    );
    const rolesNow = async () => ok(await as(t(), tenant, 'GET', `/v1/users/${user.id}/access`)).roles;
    assert.deepEqual(await rolesNow(), []);
    ok(await ncpRequest(t(), key, 'POST', `${P}/${profile.profileId}/enable`));
    assert.deepEqual(await rolesNow(), ['live-role']);
    ok(await ncpRequest(t(), key, 'POST', `${P}/${profile.profileId}/disable`));
    assert.deepEqual(await rolesNow(), []);
  });

  test('signatures: another method, path, query or a stale timestamp is the gateway 401', async () => {
    const gateway = (answer: Answer) => {
      assert.equal(answer.statusCode, 401, answer.body);
      assert.equal(answer.json().error.errorCode, '200');
    };
    ok(await ncpRequest(t(), key, 'GET', `${P}?page=0&size=1`));
    gateway(await ncpRequest(t(), key, 'GET', `${P}?page=0&size=1`, undefined, { method: 'POST' }));
    gateway(await ncpRequest(t(), key, 'GET', `${P}?page=0&size=1`, undefined, { url: P }));
    gateway(
      await ncpRequest(t(), key, 'GET', `${P}?size=1&page=0`, undefined, { url: `${P}?page=0&size=1` }),
    );
    const old = String(Date.now() - 6 * 60_000);
    gateway(await ncpRequest(t(), key, 'GET', P, undefined, { timestamp: old }));
    gateway(await t().request({ method: 'GET', url: P }));
    // A key without the scope: the gateway's permission denied, a 401 with code 210.
    const reader = await ncpKeyOf(t(), tenant, ['users:read']);
    const denied = await ncpRequest(t(), reader, 'GET', P);
    assert.equal(denied.statusCode, 401, denied.body);
    assert.equal(denied.json().error.errorCode, '210');
  });

  test("a body over the limit is the gateway's 413 (430), and another content type its 415 (100)", async () => {
    const big = await ncpRequest(t(), key, 'POST', P, { name: 'big', description: 'x'.repeat(2_000_000) });
    assert.equal(big.statusCode, 413, big.body.slice(0, 300));
    assert.equal(big.json().error.errorCode, '430');
    const ts = String(Date.now());
    const typed = await t().request({
      method: 'POST',
      url: P,
      headers: {
        'x-ncp-apigw-timestamp': ts,
        'x-ncp-iam-access-key': key.accessKey,
        'x-ncp-apigw-signature-v2': ncpSignature(key, 'POST', P, ts),
        'content-type': 'application/xml',
      },
      payload: '<profile/>',
    });
    assert.equal(typed.statusCode, 415, typed.body);
    assert.equal(typed.json().error.errorCode, '100');
  });

  test('hostile input is a 4xx, never a 500, and writes nothing', async () => {
    const bodies: object[] = [
      { name: 'nul\u0000name' },
      { name: 'okname', description: 'a\u0000b' },
      { name: 'okname', roleIdList: ['\u0000'] },
      { name: 'okname', roleIdList: [''] },
      { name: '' },
      { name: 12 },
      { name: 'okname', durationSeconds: 1e308 },
      { name: 'okname', durationSeconds: -1 },
      { name: 'okname', durationSeconds: 3600.5 },
      { name: 'okname', durationSeconds: '3600' },
      { name: 'okname', enabled: 'yes' },
      { name: 'okname', roleIdList: 'r1' },
      { name: 'okname', extra: true },
    ];
    for (const body of bodies) {
      const answer = await ncpRequest(t(), key, 'POST', P, body);
      assert.ok(
        answer.statusCode >= 400 && answer.statusCode < 500,
        `${JSON.stringify(body)}: ${answer.body}`,
      );
    }
    const named = ok(await ncpRequest(t(), key, 'GET', `${P}?searchColumn=name&searchWord=okname`));
    assert.equal(named.totalElements, 0);
    for (const query of [
      'page=-1',
      'page=1e308',
      'size=0',
      'size=99999999999999999999',
      'searchColumn=other',
      `searchWord=${encodeURIComponent('a\u0000b')}`,
    ]) {
      const answer = await ncpRequest(t(), key, 'GET', `${P}?${query}`);
      assert.ok(answer.statusCode >= 400 && answer.statusCode < 500, `${query}: ${answer.body}`);
    }
    // Quotes and backslashes in a search word are text to search for, not filter syntax.
    for (const word of ['"', '\\', '" or name co "', '%_']) {
      const answer = await ncpRequest(
        t(),
        key,
        'GET',
        `${P}?searchColumn=name&searchWord=${encodeURIComponent(word)}`,
      );
      assert.equal(answer.statusCode, 200, `${word}: ${answer.body}`);
      assert.equal(answer.json().totalElements, 0, word);
    }
    const patchNul = await ncpRequest(t(), key, 'PATCH', `${P}/${'\u0000'}`, { description: 'x' });
    assert.ok(patchNul.statusCode >= 400 && patchNul.statusCode < 500, patchNul.body);
  });

  test('unknown paths under the prefix answer the gateway 404; ARM-cased paths are not ours', async () => {
    const unknown = await ncpRequest(t(), key, 'GET', `${P}/x/y/z`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.errorCode, '300');
  });
});
