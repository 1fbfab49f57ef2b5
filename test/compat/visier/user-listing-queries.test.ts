import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { buildApp } from '../../../src/http/app.js';
import { forEachApp, testAppOptions, testAuthSettings, unique } from '../../support/app.js';
import { as, create, newProfile, newTenant, newUser } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

const everyDetail = 'assignedProfiles=true&assignedPermissions=true&assignedUserGroups=true';

forEachApp('Visier user listing: queries per page', (t) => {
  /**
   * A second app over the same database whose every query is counted. Its clock stands still, so
   * the only write a request may add (a credential's last use, once a minute) happens once, on
   * the first request, and never between the requests compared.
   */
  async function countingApp() {
    const counter = { queries: 0 };
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        counter.queries += 1;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const db = t().database.db.withPlugin(counting);
    const at = Date.now();
    const now = () => at;
    const app = await buildApp(testAppOptions(db, testAuthSettings(db, now, t().masterKey), { now }));
    t().defer(() => app.close());
    return { app, counter };
  }

  test('a page of 30 users with every detail costs as many queries as a page of 3', async () => {
    const tenant = await newTenant(t());
    const visier = await visierClient(t(), tenant);
    const everyone = await newProfile(t(), tenant, {
      audience: 'tenant',
      permissions: [{ permissionId: 'perm-all', name: 'Everyone' }],
    });
    const some = await newProfile(t(), tenant, {
      audience: 'tenant',
      permissions: [{ permissionId: 'perm-some', name: 'Some' }],
    });
    const users = [];
    for (let i = 0; i < 30; i += 1) {
      const user = await newUser(t(), tenant, { username: `${String(i).padStart(2, '0')}-${unique('u')}` });
      const assigned = await as(t(), tenant, 'POST', '/v1/assignments', {
        profileId: everyone.id,
        userId: user.id,
      });
      assert.equal(assigned.statusCode, 201, assigned.body);
      if (i % 2 === 0) {
        const also = await as(t(), tenant, 'POST', '/v1/assignments', {
          profileId: some.id,
          userId: user.id,
        });
        assert.equal(also.statusCode, 201, also.body);
      }
      users.push(user);
    }
    const all = await create(t(), tenant, '/v1/groups', {
      name: unique('group-all'),
      memberIds: users.map((u) => u.id),
    });
    const thirds = await create(t(), tenant, '/v1/groups', {
      name: unique('group-thirds'),
      memberIds: users.filter((_, i) => i % 3 === 0).map((u) => u.id),
    });

    const { app, counter } = await countingApp();
    const page = async (limit: number) => {
      counter.queries = 0;
      const res = await app.inject({
        method: 'GET',
        url: `/v1/admin/users?limit=${limit}&${everyDetail}`,
        headers: { apikey: visier.apiKey, authorization: `Bearer ${visier.apiKey}` },
      });
      assert.equal(res.statusCode, 200, res.body);
      return { queries: counter.queries, users: res.json<{ users: any[] }>().users };
    };
    await page(3);
    const small = await page(3);
    const large = await page(30);

    assert.equal(small.users.length, 3);
    assert.equal(large.users.length, 30);
    assert.ok(small.queries > 0, 'the counter sees the queries');
    assert.equal(large.queries, small.queries, 'the queries of a page do not grow with its size');

    // Every user with what they hold, in username order.
    assert.deepEqual(
      large.users.map((u) => u.userId),
      users.map((u) => u.id),
    );
    const groupNames = [all.name, thirds.name].sort();
    large.users.forEach((listed, i) => {
      const profiles = listed.profiles.assignedProfiles.map((p: { profileId: string }) => p.profileId);
      assert.deepEqual(profiles.sort(), (i % 2 === 0 ? [everyone.id, some.id] : [everyone.id]).sort());
      const permissions = listed.permissions.assignedPermissions.map(
        (p: { permissionId: string }) => p.permissionId,
      );
      assert.deepEqual(permissions.sort(), i % 2 === 0 ? ['perm-all', 'perm-some'] : ['perm-all']);
      const groups = listed.userGroups.assignedUserGroups.map((g: { displayName: string }) => g.displayName);
      assert.deepEqual(groups, i % 3 === 0 ? groupNames : [all.name]);
    });

    // A user listed shows what the user's own details show.
    for (const listed of [large.users[0], large.users[1], large.users[3]]) {
      const one = await visier.request({
        method: 'GET',
        url: `/v1/admin/users/${listed.userId}?${everyDetail}`,
      });
      assert.equal(one.statusCode, 200, one.body);
      assert.deepEqual(one.json(), listed);
    }
  });
});
