import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { ciscoClient, tokenRequest } from '../../support/cisco.js';
import { as, newTenant, newUser } from '../../support/fixtures.js';

const PASSWORD = 'Correct-Horse-42';

forEachApp('Cisco XDR profile', (t) => {
  async function setup(userExtra: object = {}, tenantExtra: object = {}) {
    const tenant = await newTenant(t(), undefined, tenantExtra);
    const user = await newUser(t(), tenant, {
      email: 'ada@acme.test',
      givenName: 'Ada',
      familyName: 'Lovelace',
      nickname: 'ada',
      role: 'admin',
      locale: 'en-GB',
      directory: { provider: 'okta', sid: 'okta-00u1' },
      ...userExtra,
    });
    const client = await ciscoClient(t(), tenant, { userId: user.id });
    return { tenant, user, client };
  }

  test("Cisco's documented sample: whoami answers user.role, user.scopes, org.name and org.address", async () => {
    const address = { street: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' };
    const { client, user, tenant } = await setup({}, { name: 'Acme', address });
    const bearer = `Bearer ${await client.token()}`;
    // As the sample sends it: Authorization, Content-Type and Accept, no body.
    const response = await t().app.inject({
      method: 'GET',
      url: '/iroh/profile/whoami',
      headers: { Authorization: bearer, 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const json = JSON.parse(response.body);
    const me = json.user;
    assert.equal(me.role, 'admin');
    assert.ok(me.scopes.includes('admin') && me.scopes.includes('users:read'), String(me.scopes));
    assert.equal(json.org.name, 'Acme');
    assert.deepEqual(json.org.address, {
      street: '1 Main St',
      city: 'Lyon',
      'postal-code': '69001',
      country: 'FR',
    });
    assert.deepEqual(me, {
      'user-id': user.id,
      'user-email': 'ada@acme.test',
      'user-name': 'Ada Lovelace',
      'user-nick': 'ada',
      'user-given-name': 'Ada',
      'user-family-name': 'Lovelace',
      role: 'admin',
      scopes: me.scopes,
      'org-id': tenant.id,
      'enabled?': true,
      locale: 'en-GB',
      'created-at': user.createdAt,
      'updated-at': user.updatedAt,
      'last-logged-at': null,
      'idp-mappings': [
        { idp: 'okta', 'user-identity-id': 'okta-00u1', 'organization-id': tenant.id, 'enabled?': true },
      ],
    });
    for (const key of [
      'id',
      'name',
      'address',
      'additional-scopes',
      'allow-all-role-to-login',
      'allow-all-role-to-login-editable?',
      'scim-status',
      'activation-status',
      'enabled?',
      'settings',
      'created-at',
      'updated-at',
    ]) {
      assert.ok(key in json.org, key);
    }
    assert.equal(json.org['allow-all-role-to-login-editable?'], true);
  });

  test('a client made for no user gets a 200 whoami whose user describes the client', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant, { scopes: ['tenants:read', 'users:read'] });
    const res = await client.request({ method: 'GET', url: '/iroh/profile/whoami' });
    assert.equal(res.statusCode, 200, res.body);
    const me = res.json().user;
    assert.equal(me['user-id'], client.clientId);
    assert.equal(me['user-name'], 'cisco script');
    assert.equal(me.role, 'user');
    assert.deepEqual(me.scopes, ['profile:read', 'users:read']);
    assert.equal(res.json().org.id, tenant.id);
    assert.equal(res.json().org['allow-all-role-to-login-editable?'], false);
  });

  test('org update: partial, settings merged, an unknown or unchangeable key is disallowed-key, and it is audited', async () => {
    const { client, tenant } = await setup({}, { name: 'Acme', settings: { theme: 'dark', keep: 1 } });
    const post = (payload: object) => client.request({ method: 'POST', url: '/iroh/profile/org', payload });
    const res = await post({ name: 'Acme Corp', settings: { theme: 'light', keep: null, added: true } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().name, 'Acme Corp');
    assert.deepEqual(res.json().settings, { theme: 'light', added: true });
    const got = await client.request({ method: 'GET', url: '/iroh/profile/org' });
    assert.deepEqual(got.json(), res.json());
    for (const [payload, errors] of [
      [{ colour: 'red' }, { colour: 'disallowed-key' }],
      [
        { id: 'x', 'enabled?': false },
        { id: 'disallowed-key', 'enabled?': 'disallowed-key' },
      ],
      [{ address: { planet: 'Mars' } }, { address: { planet: 'disallowed-key' } }],
      [{ settings: { allowAllRoleToLogin: true } }, { settings: { allowAllRoleToLogin: 'disallowed-key' } }],
    ] as const) {
      const refused = await post(payload);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.deepEqual(refused.json(), { errors });
    }
    const after = await client.request({ method: 'GET', url: '/iroh/profile/org' });
    assert.deepEqual(after.json(), res.json(), 'a refused update changes nothing');
    const audit = await as(
      t(),
      tenant,
      'GET',
      `/v1/audit-events?filter=${encodeURIComponent('action eq "tenant.update"')}`,
    );
    assert.equal(audit.statusCode, 200, audit.body);
    const events = audit.json().items.filter((e: { targetId: string }) => e.targetId === tenant.id);
    assert.equal(events.length, 1);
    assert.equal(events[0].source, 'cisco-xdr');
  });

  test('concurrent org updates merge: every settings key survives, none is a 412', async () => {
    const { client } = await setup();
    const token = await client.token();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client.request({
          method: 'POST',
          url: '/iroh/profile/org',
          headers: { authorization: `Bearer ${token}` },
          payload: { settings: { [`k${i}`]: i } },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      Array(10).fill(200),
    );
    const org = await client.request({ method: 'GET', url: '/iroh/profile/org' });
    assert.deepEqual(
      org.json().settings,
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i])),
    );
  });

  test('a body nested deeper than 64 levels is a 400, not a 500', async () => {
    const { client } = await setup();
    const deep = `{"settings":{"k":${'['.repeat(3000)}${']'.repeat(3000)}}}`;
    const res = await client.request({
      method: 'POST',
      url: '/iroh/profile/org',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().error_description, /deeper than 64/);
  });

  test('only an admin may change allow-all-role-to-login', async () => {
    const { client } = await setup({ role: 'analyst' });
    const refused = await client.request({
      method: 'POST',
      url: '/iroh/profile/org',
      payload: { 'allow-all-role-to-login': true },
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.match(refused.json().error_description, /admin/);
    const admin = await setup();
    const done = await admin.client.request({
      method: 'POST',
      url: '/iroh/profile/org',
      payload: { 'allow-all-role-to-login': true },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json()['allow-all-role-to-login'], true);
    assert.deepEqual(done.json().settings, {}, 'shown as a field, not among the settings');
  });

  test('own profile update: names, nickname, locale, email; each broken rule is a 400 naming it', async () => {
    const { client, user } = await setup();
    const post = (payload: object) => client.request({ method: 'POST', url: '/iroh/profile/user', payload });
    const ok = await post({
      'user-given-name': 'Augusta',
      'user-family-name': 'K',
      'user-nick': 'aak',
      locale: 'fr-FR',
      'user-email': 'augusta@acme.test',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json()['user-given-name'], 'Augusta');
    assert.equal(ok.json()['user-family-name'], 'K');
    assert.equal(ok.json()['user-nick'], 'aak');
    assert.equal(ok.json().locale, 'fr-FR');
    assert.equal(ok.json()['user-email'], 'augusta@acme.test');
    assert.equal(ok.json()['logged-out?'], undefined);
    const cases: [object, string[]][] = [
      [{ 'user-given-name': 'A' }, ['user-given-name']],
      [{ 'user-given-name': 'Ad4' }, ['user-given-name']],
      [{ 'user-family-name': '' }, ['user-family-name']],
      [{ 'user-family-name': 'O-Neil' }, ['user-family-name']],
      [{ 'user-email': 'not an email' }, ['user-email']],
      [{ 'user-given-name': 'B', 'user-email': 'x@' }, ['user-given-name', 'user-email']],
      [{ password: 'short' }, ['password']],
      [{ 'user-given-name': 'A', password: 'weak' }, ['password', 'user-given-name']],
      [{ 'user-given-name': '\u0301\u0301' }, ['user-given-name']],
      [{ role: 'admin' }, ['role']],
    ];
    for (const [payload, keys] of cases) {
      const refused = await post(payload);
      assert.equal(refused.statusCode, 400, `${JSON.stringify(payload)}: ${refused.body}`);
      assert.deepEqual(Object.keys(refused.json().errors).sort(), keys.sort(), JSON.stringify(payload));
    }
    assert.equal((await post({ role: 'admin' })).json().errors.role, 'disallowed-key');
    // Accented letters are letters.
    assert.equal((await post({ 'user-given-name': 'Zoé', 'user-family-name': 'Ærø' })).statusCode, 200);
    const me = await client.request({ method: 'GET', url: '/iroh/profile/user' });
    assert.equal(me.json()['user-id'], user.id);
    assert.equal(me.json()['user-given-name'], 'Zoé');
  });

  test('a password change logs you out at once: every session, token and client acting as you is revoked', async () => {
    const { user, tenant } = await setup();
    const set = await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: PASSWORD });
    assert.equal(set.statusCode, 200, set.body);
    // Setting the password revoked what acted as the user before; the script's client comes after.
    const client = await ciscoClient(t(), tenant, { userId: user.id });
    const session = await t().app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { tenant: tenant.code, username: user.username, password: PASSWORD },
    });
    assert.equal(session.statusCode, 201, session.body);
    const sessionToken = session.json().token as string;
    const token = await client.token();
    const changed = await client.request({
      method: 'POST',
      url: '/iroh/profile/user',
      headers: { authorization: `Bearer ${token}` },
      payload: { password: 'Another-Horse-43', 'user-nick': 'lady-ada' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json()['logged-out?'], true);
    assert.equal(changed.json()['user-nick'], 'lady-ada');
    assert.ok(changed.json()['revoked-sessions'] >= 1);
    assert.ok(changed.json()['revoked-credentials'] >= 2);
    for (const bearer of [token, sessionToken]) {
      const res = await t().app.inject({
        method: 'GET',
        url: '/iroh/profile/whoami',
        headers: { authorization: `Bearer ${bearer}` },
      });
      assert.equal(res.statusCode, 401, bearer.slice(0, 3));
    }
    assert.equal((await t().app.inject(tokenRequest(client.clientId, client.secret))).statusCode, 401);
    const signIn = await t().app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { tenant: tenant.code, username: user.username, password: 'Another-Horse-43' },
    });
    assert.equal(signIn.statusCode, 201, 'the new password works');
    const audit = await as(
      t(),
      tenant,
      'GET',
      `/v1/audit-events?filter=${encodeURIComponent(`targetId eq "${user.id}"`)}`,
    );
    assert.equal(audit.statusCode, 200, audit.body);
    const cisco = audit.json().items.filter((e: { source: string }) => e.source === 'cisco-xdr');
    assert.deepEqual(cisco.map((e: { action: string }) => e.action).sort(), [
      'user.set_password',
      'user.update',
    ]);
  });

  test('a refused password changes nothing, names included (never half applied)', async () => {
    const { client } = await setup();
    const refused = await client.request({
      method: 'POST',
      url: '/iroh/profile/user',
      payload: { 'user-nick': 'changed', password: 'weak' },
    });
    assert.equal(refused.statusCode, 400);
    assert.ok('password' in refused.json().errors);
    const me = await client.request({ method: 'GET', url: '/iroh/profile/user' });
    assert.equal(me.statusCode, 200, 'still logged in');
    assert.equal(me.json()['user-nick'], 'ada');
  });

  test('the other accounts of the org, paged; the token scopes with descriptions', async () => {
    const { client, tenant, user } = await setup();
    const others = [await newUser(t(), tenant), await newUser(t(), tenant), await newUser(t(), tenant)];
    await newUser(t(), await newTenant(t()));
    const first = await client.request({ method: 'GET', url: '/iroh/profile/users?limit=2' });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().total, 3);
    const second = await client.request({ method: 'GET', url: '/iroh/profile/users?limit=2&offset=2' });
    const seen = [...first.json().users, ...second.json().users].map(
      (u: { 'user-id': string }) => u['user-id'],
    );
    assert.deepEqual(seen.sort(), others.map((u) => u.id).sort());
    assert.ok(!seen.includes(user.id));
    const scopes = await client.request({ method: 'GET', url: '/iroh/profile/scopes' });
    assert.equal(scopes.statusCode, 200);
    const words = scopes.json().map((s: { scope: string }) => s.scope);
    assert.ok(words.includes('admin') && words.includes('profile'));
    assert.ok(scopes.json().every((s: { description: string }) => s.description.length > 0));
  });
});
