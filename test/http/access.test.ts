import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../support/app.js';
import { as, newProfile, newTenant, newUser, type TenantRef } from '../support/fixtures.js';

const FROM = '2026-03-01T00:00:00.000Z';
const UNTIL = '2026-04-01T00:00:00.000Z';
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

forEachApp('effective access', (t) => {
  async function setup(
    window: { validFrom?: string | null; validUntil?: string | null } = {
      validFrom: FROM,
      validUntil: UNTIL,
    },
  ) {
    const tenant = await newTenant(t());
    const child = await newTenant(t(), tenant);
    const grandchild = await newTenant(t(), child);
    const user = await newUser(t(), tenant);
    const profile = await newProfile(t(), tenant, {
      capabilities: [
        { capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' },
        { capability: 'Data', accessLevel: 'Read', viewLevel: 'Detailed' },
      ],
      additionalCapabilities: ['Approve'],
      roles: ['admin'],
    });
    const assigned = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      ...window,
    });
    assert.equal(assigned.statusCode, 201, assigned.body);
    return { tenant, child, grandchild, user, profile, assignment: assigned.json() };
  }

  const accessAt = async (tenant: TenantRef, userId: string, at: string, where?: TenantRef) =>
    (
      await as(
        t(),
        tenant,
        'GET',
        `/v1/users/${userId}/access?at=${at}${where ? `&tenant=${where.code}` : ''}`,
      )
    ).json();

  test('the window starts inclusive and ends exclusive', async () => {
    const { tenant, user } = await setup();
    assert.deepEqual((await accessAt(tenant, user.id, justBefore(FROM))).capabilities, []);
    const atStart = await accessAt(tenant, user.id, FROM);
    assert.deepEqual(
      atStart.capabilities.map((c: any) => [c.capability, c.accessLevel, c.viewLevel]),
      [
        ['Data', 'Read', 'Detailed'],
        ['Security', 'Write', 'Simple'],
      ],
    );
    assert.deepEqual(atStart.additionalCapabilities, ['Approve']);
    assert.deepEqual(atStart.roles, ['admin']);
    assert.equal((await accessAt(tenant, user.id, justBefore(UNTIL))).capabilities.length, 2);
    assert.deepEqual((await accessAt(tenant, user.id, UNTIL)).capabilities, []);
  });

  test('open ends reach back and forward forever', async () => {
    const { tenant, user } = await setup({ validFrom: null, validUntil: null });
    assert.equal((await accessAt(tenant, user.id, '1970-01-01T00:00:00.000Z')).capabilities.length, 2);
    assert.equal((await accessAt(tenant, user.id, '9999-12-31T23:59:59.999Z')).capabilities.length, 2);
  });

  test('includeDescendants reaches the whole subtree; without it only the scope tenant', async () => {
    const { tenant, child, grandchild, user, assignment } = await setup({ validFrom: null });
    assert.equal((await accessAt(tenant, user.id, FROM, child)).capabilities.length, 0);
    const changed = await as(t(), tenant, 'PATCH', `/v1/assignments/${assignment.id}`, {
      includeDescendants: true,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await accessAt(tenant, user.id, FROM, child)).capabilities.length, 2);
    assert.equal((await accessAt(tenant, user.id, FROM, grandchild)).capabilities.length, 2);
  });

  test('levels combine to the highest per capability across profiles', async () => {
    const { tenant, user } = await setup({});
    const more = await newProfile(t(), tenant, {
      capabilities: [
        { capability: 'Security', accessLevel: 'Read', viewLevel: 'Detailed' },
        { capability: 'Data', accessLevel: 'Write', viewLevel: 'Simple' },
      ],
      roles: ['auditor'],
    });
    await as(t(), tenant, 'POST', '/v1/assignments', { profileId: more.id, userId: user.id });
    const access = await accessAt(tenant, user.id, FROM);
    const levels = Object.fromEntries(
      access.capabilities.map((c: any) => [c.capability, `${c.accessLevel}/${c.viewLevel}`]),
    );
    assert.deepEqual(levels, { Data: 'Write/Detailed', Security: 'Write/Detailed' });
    assert.deepEqual(access.roles, ['admin', 'auditor']);
  });

  test('a disabled profile, user or tenant grants nothing', async () => {
    const { tenant, child, user, profile, assignment } = await setup({});
    await as(t(), tenant, 'PATCH', `/v1/assignments/${assignment.id}`, { includeDescendants: true });
    assert.equal((await accessAt(tenant, user.id, FROM, child)).capabilities.length, 2);

    await as(t(), tenant, 'PATCH', `/v1/tenants/${child.id}`, { enabled: false });
    assert.equal((await accessAt(tenant, user.id, FROM, child)).capabilities.length, 0);
    assert.equal((await accessAt(tenant, user.id, FROM)).capabilities.length, 2);

    await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { enabled: false });
    assert.equal((await accessAt(tenant, user.id, FROM)).capabilities.length, 0);
    await as(t(), tenant, 'PATCH', `/v1/profiles/${profile.id}`, { enabled: true });

    await as(t(), tenant, 'PATCH', `/v1/users/${user.id}`, { enabled: false });
    assert.equal((await accessAt(tenant, user.id, FROM)).capabilities.length, 0);
  });

  test('access check answers allowed with the granting assignment, or not', async () => {
    const { tenant, user, profile, assignment } = await setup();
    const check = async (level: string, at: string, capability = 'Security') =>
      (await as(t(), tenant, 'POST', '/v1/access/check', { user: user.id, capability, level, at })).json();
    const yes = await check('Write', FROM);
    assert.equal(yes.allowed, true);
    assert.deepEqual(
      yes.grantedBy.map((g: any) => [g.profileId, g.assignmentId]),
      [[profile.id, assignment.id]],
    );
    assert.equal((await check('Read', FROM, 'Data')).allowed, true);
    assert.equal((await check('Write', FROM, 'Data')).allowed, false);
    assert.equal((await check('Write', UNTIL)).allowed, false);
    const unknown = await as(t(), tenant, 'POST', '/v1/access/check', {
      user: user.id,
      capability: 'Nope',
      level: 'Read',
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('holders lists the users with a capability at a level, paged', async () => {
    const { tenant, child, user } = await setup({ validFrom: null });
    const other = await newUser(t(), tenant);
    const readOnly = await newProfile(t(), tenant, {
      capabilities: [{ capability: 'Security', accessLevel: 'Read', viewLevel: 'Simple' }],
    });
    await as(t(), tenant, 'POST', '/v1/assignments', { profileId: readOnly.id, userId: other.id });
    const holders = async (level: string, page = '') =>
      (
        await as(
          t(),
          tenant,
          'GET',
          `/v1/capabilities/Security/holders?level=${level}&tenant=${tenant.code}&limit=1${page}`,
        )
      ).json();
    const writers = await holders('Write');
    assert.deepEqual(
      writers.items.map((h: any) => h.userId),
      [user.id],
    );
    const first = await holders('Read');
    assert.equal(first.items.length, 1);
    const second = await holders('Read', `&cursor=${first.nextCursor}`);
    assert.deepEqual(
      [...first.items, ...second.items].map((h: any) => h.userId).sort(),
      [user.id, other.id].sort(),
    );
    const inChild = await as(t(), tenant, 'GET', `/v1/capabilities/Security/holders?tenant=${child.code}`);
    assert.deepEqual(inChild.json().items, []);
  });

  test('re-assigning the same profile, user and scope updates the window', async () => {
    const { tenant, user, profile, assignment } = await setup();
    const again = await as(t(), tenant, 'POST', '/v1/assignments', {
      profileId: profile.id,
      userId: user.id,
      validFrom: FROM,
      validUntil: null,
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, assignment.id);
    assert.equal(again.json().validUntil, null);
    const list = await as(t(), tenant, 'GET', `/v1/users/${user.id}/assignments?count=true`);
    assert.equal(list.json().total, 1);
    const active = await as(
      t(),
      tenant,
      'GET',
      `/v1/profiles/${profile.id}/assignments?activeAt=1970-01-01T00:00:00Z`,
    );
    assert.deepEqual(active.json().items, []);
  });
});
