import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { ciscoClient } from '../../support/cisco.js';
import { as, newTenant, newUser } from '../../support/fixtures.js';

type Account = { 'user-id': string; 'user-email': string | null };

forEachApp('Cisco XDR user management', (t) => {
  async function org() {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    const make = (extra: object) => newUser(t(), tenant, extra);
    return { tenant, client, make };
  }

  test('get and update an account: role, enabled?, names; the answer is the account as it now is', async () => {
    const { client, make, tenant } = await org();
    const user = await make({
      givenName: 'Grace',
      familyName: 'Hopper',
      role: 'user',
      email: 'grace@navy.test',
    });
    const got = await client.request({ method: 'GET', url: `/iroh/user-mgmt/users/${user.id}` });
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json()['user-email'], 'grace@navy.test');
    assert.equal(got.json().role, 'user');
    const updated = await client.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${user.id}`,
      payload: {
        role: 'admin',
        'enabled?': false,
        'user-given-name': 'Amazing',
        'user-name': 'Amazing Grace',
      },
    });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json().role, 'admin');
    assert.equal(updated.json()['enabled?'], false);
    assert.equal(updated.json()['user-name'], 'Amazing Grace');
    const audit = await as(
      t(),
      tenant,
      'GET',
      `/v1/audit-events?filter=${encodeURIComponent(`targetId eq "${user.id}" and action eq "user.update"`)}`,
    );
    assert.equal(audit.statusCode, 200, audit.body);
    assert.deepEqual(
      audit.json().items.map((e: { source: string }) => e.source),
      ['cisco-xdr'],
    );
    const native = await as(t(), tenant, 'GET', `/v1/users/${user.id}`);
    assert.equal(native.json().role, 'admin');
    assert.equal(native.json().enabled, false);
    assert.equal(native.json().givenName, 'Amazing');
    const bad = await client.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${user.id}`,
      payload: { 'user-given-name': 'X1', 'user-email': 'a@b.c' },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json(), { errors: { 'user-email': 'disallowed-key' } });
    const names = await client.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${user.id}`,
      payload: { 'user-given-name': 'X1' },
    });
    assert.equal(names.statusCode, 400);
    assert.deepEqual(Object.keys(names.json().errors), ['user-given-name']);
    // Another org's account and a never-used id answer alike.
    const foreign = await newUser(t(), await newTenant(t()));
    for (const id of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await client.request({ method: 'GET', url: `/iroh/user-mgmt/users/${id}` });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().error, 'user.not_found');
      assert.equal(res.json().error_description, `user ${id} does not exist`);
      const post = await client.request({
        method: 'POST',
        url: `/iroh/user-mgmt/users/${id}`,
        payload: { role: 'admin' },
      });
      assert.equal(post.statusCode, 404);
    }
    // Ids arrive percent-encoded (quote(id, safe='')).
    const encoded = await client.request({
      method: 'GET',
      url: `/iroh/user-mgmt/users/${encodeURIComponent('idb-amp:x/y@z')}`,
    });
    assert.equal(encoded.statusCode, 404);
    assert.equal(encoded.json().error_description, 'user idb-amp:x/y@z does not exist');
  });

  test('only an admin updates accounts, and never their own role or enabled?', async () => {
    const { tenant, make } = await org();
    const analyst = await make({ role: 'analyst' });
    const admin = await make({ role: 'admin' });
    const other = await make({ role: 'user' });
    const asAnalyst = await ciscoClient(t(), tenant, { userId: analyst.id });
    for (const [id, payload] of [
      [analyst.id, { role: 'admin' }],
      [other.id, { 'enabled?': false }],
      [other.id, { 'user-nick': 'x' }],
    ] as const) {
      const res = await asAnalyst.request({ method: 'POST', url: `/iroh/user-mgmt/users/${id}`, payload });
      assert.equal(res.statusCode, 403, res.body);
      assert.match(res.json().error_description, /admin/);
    }
    const asAdmin = await ciscoClient(t(), tenant, { userId: admin.id });
    for (const payload of [{ role: 'user' }, { 'enabled?': false }]) {
      const res = await asAdmin.request({
        method: 'POST',
        url: `/iroh/user-mgmt/users/${admin.id}`,
        payload,
      });
      assert.equal(res.statusCode, 403, res.body);
    }
    const own = await asAdmin.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${admin.id}`,
      payload: { 'user-nick': 'boss' },
    });
    assert.equal(own.statusCode, 200, own.body);
    const demoted = await asAdmin.request({
      method: 'POST',
      url: `/iroh/user-mgmt/users/${analyst.id}`,
      payload: { role: 'user' },
    });
    assert.equal(demoted.statusCode, 200, demoted.body);
    assert.equal((await as(t(), tenant, 'GET', `/v1/users/${analyst.id}`)).json().role, 'user');
  });

  test("batch: repeated ids, in the order asked; unknown ids and other orgs' accounts are left out", async () => {
    const { client, make } = await org();
    const [a, b] = [await make({}), await make({})];
    const foreign = await newUser(t(), await newTenant(t()));
    const url = `/iroh/user-mgmt/batch/users?id=${b.id}&id=nope&id=${foreign.id}&id=${a.id}&id=${b.id}`;
    const res = await client.request({ method: 'GET', url });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().map((u: Account) => u['user-id']),
      [b.id, a.id],
    );
    const one = await client.request({ method: 'GET', url: `/iroh/user-mgmt/batch/users?id=${a.id}` });
    assert.deepEqual(
      one.json().map((u: Account) => u['user-id']),
      [a.id],
    );
    const many = Array.from({ length: 101 }, (_, i) => `id=${i}`).join('&');
    const tooMany = await client.request({ method: 'GET', url: `/iroh/user-mgmt/batch/users?${many}` });
    assert.equal(tooMany.statusCode, 400);
    assert.ok('id' in tooMany.json().errors, tooMany.body);
  });

  test('search: free text, role, enabled?, email; sort_by/sort_order; paging by offset and search_after', async () => {
    const { client, make } = await org();
    const people = [
      await make({ email: 'zoe@acme.test', givenName: 'Zoe', role: 'admin' }),
      await make({ email: 'adam@acme.test', givenName: 'Adam', role: 'user' }),
      await make({ email: 'mia@acme.test', givenName: 'Mia', role: 'user', enabled: false }),
      await make({ email: 'bo@other.test', nickname: 'Acmeless', role: 'user' }),
      await make({ givenName: 'Noemail', role: 'user' }),
    ];
    await newUser(t(), await newTenant(t()), { email: 'zed@acme.test' });
    const search = (query: string, payload: object) =>
      client.request({ method: 'POST', url: `/iroh/user-mgmt/search/users${query}`, payload });
    const emails = (res: { json: () => { users: Account[] } }) =>
      res.json().users.map((u) => u['user-email']);

    const all = await search('?sort_by=user-email&sort_order=asc&offset=0&limit=10', {});
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json().total, 5);
    assert.deepEqual(emails(all), [
      null,
      'adam@acme.test',
      'bo@other.test',
      'mia@acme.test',
      'zoe@acme.test',
    ]);
    const bare = await client.request({ method: 'POST', url: '/iroh/user-mgmt/search/users' });
    assert.equal(bare.statusCode, 200, `a POST without a body is no criteria: ${bare.body}`);
    assert.equal(bare.json().total, 5);
    const byName = (await search('', {})).json().users.map((u: Account) => u['user-id']);
    const byNameDesc = (await search('?sort_order=desc', {})).json().users.map((u: Account) => u['user-id']);
    assert.deepEqual(byNameDesc, [...byName].reverse(), 'sort_order alone reverses the default order');
    const desc = await search('?sort_by=user-email&sort_order=desc', {});
    assert.deepEqual(emails(desc), [
      'zoe@acme.test',
      'mia@acme.test',
      'bo@other.test',
      'adam@acme.test',
      null,
    ]);

    assert.deepEqual(emails(await search('?sort_by=user-email', { query: 'ACME' })), [
      'adam@acme.test',
      'bo@other.test',
      'mia@acme.test',
      'zoe@acme.test',
    ]);
    assert.deepEqual(emails(await search('?sort_by=user-email', { role: 'user', 'enabled?': true })), [
      null,
      'adam@acme.test',
      'bo@other.test',
    ]);
    const roleless = await make({ email: 'norole@acme.test' });
    const found = (await search('', { role: 'user', query: 'norole' })).json().users;
    assert.deepEqual(
      found.map((u: Account & { role: string }) => [u['user-id'], u.role]),
      [[roleless.id, 'user']],
      'an account without a role shows and is found as user',
    );
    people.push(roleless);
    assert.deepEqual(emails(await search('', { role: ['admin'], query: 'zo' })), ['zoe@acme.test']);
    assert.deepEqual(emails(await search('', { 'user-email': 'MIA@acme.test' })), ['mia@acme.test']);
    assert.equal((await search('', { query: 'nobody-has-this' })).json().total, 0);

    // search_after pages through every account once, ties broken by id.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const q: string = `?sort_by=user-email&limit=2${after ? `&search_after=${encodeURIComponent(after)}` : ''}`;
      const page = await search(q, {});
      assert.equal(page.statusCode, 200, page.body);
      seen.push(...page.json().users.map((u: Account) => u['user-id']));
      after = page.json().search_after;
    } while (after !== null);
    assert.deepEqual(seen.sort(), people.map((p) => p.id).sort());
    const offset = await search('?sort_by=user-email&offset=3&limit=10', {});
    assert.deepEqual(emails(offset), ['mia@acme.test', 'norole@acme.test', 'zoe@acme.test']);

    for (const [query, body, key] of [
      ['?sort_by=password', {}, 'sort_by'],
      ['?limit=0', {}, 'limit'],
      ['', { colour: 'red' }, 'colour'],
      ['?search_after=garbage', {}, 'search_after'],
    ] as const) {
      const refused = await search(query, body);
      assert.equal(refused.statusCode, 400, `${query} ${refused.body}`);
      if (key) assert.ok(key in refused.json().errors, refused.body);
    }
  });
});
