import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachApp } from '../../support/app.js';
import { as, newProfile, newTenant, newUser, type TenantRef } from '../../support/fixtures.js';
import { modelForm, visierClient } from '../../support/visier.js';

const MISSING = '9a59c20b-9cb7-9f48-b812-0bb98eb19af8';

forEachApp('Visier analytic-tenant profiles', (t) => {
  async function setup() {
    const admin = await newTenant(t());
    const analytic = await newTenant(t(), admin);
    const below = await newTenant(t(), analytic);
    const sibling = await newTenant(t(), admin);
    const visier = await visierClient(t(), admin);
    const profile = await newProfile(t(), admin, {
      audience: 'accessible-tenants',
      capabilities: [{ capability: 'TenantManagement', accessLevel: 'Write', viewLevel: 'Detailed' }],
    });
    const user = await newUser(t(), admin);
    return { admin, analytic, below, sibling, visier, profile, user };
  }

  const holds = async (tenant: TenantRef, userId: string, where: TenantRef) => {
    const res = await as(t(), tenant, 'POST', '/v1/access/check', {
      user: userId,
      capability: 'TenantManagement',
      level: 'Write',
      tenant: where.code,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().allowed as boolean;
  };

  test('Visier’s sample: forAllChildren "true" reaches the tenants below, visible in native effective access', async () => {
    const { admin, analytic, below, sibling, visier, profile, user } = await setup();
    const res = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}/assign`,
      ...modelForm({
        targetUserIds: [user.id, MISSING],
        targetTenantCodes: [
          { tenantCode: analytic.code, forAllChildren: 'true' },
          { tenantCode: 'NO_SUCH_TENANT', forAllChildren: false },
        ],
        validityStartTime: '1571122800000',
        validityEndTime: '9223372036854775807',
      }),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.errors, true);
    assert.deepEqual(body.successfulAssignments, [
      { userId: user.id, tenantCode: analytic.code, forAllChildren: true },
    ]);
    assert.deepEqual(
      body.badUserIds.map((b: any) => [b.userId, b.error.errorMessage]),
      [[MISSING, 'User ID does not exist']],
    );
    assert.deepEqual(
      body.badTenantCodes.map((b: any) => [b.tenantCode, b.forAllChildren]),
      [['NO_SUCH_TENANT', false]],
    );
    assert.equal(await holds(admin, user.id, analytic), true);
    assert.equal(await holds(admin, user.id, below), true, 'forAllChildren reaches below');
    assert.equal(await holds(admin, user.id, sibling), false);
    assert.equal(await holds(admin, user.id, admin), false);

    const held = await visier.request({
      method: 'GET',
      url: `/v1/admin/users/${user.id}/accessible-tenant-profiles`,
    });
    assert.deepEqual(held.json().assignedProfilesForAccessibleTenant, [
      {
        profileId: profile.id,
        displayName: profile.name,
        tenantCode: analytic.code,
        forAllChildren: true,
        validityStartTime: '1571122800000',
        validityEndTime: '9223372036854775807',
      },
    ]);
    // Not a tenant profile of the administrating tenant.
    const local = await visier.request({ method: 'GET', url: `/v1/admin/users/${user.id}/profiles` });
    assert.deepEqual(local.json().assignedProfiles, []);
  });

  test('remove answers succeeded, unaffected users and bad codes, and the access is gone', async () => {
    const { admin, analytic, sibling, visier, profile, user } = await setup();
    const other = await newUser(t(), admin);
    const assigned = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}/assign`,
      payload: {
        targetUserIds: [user.id],
        targetTenantCodes: [{ tenantCode: analytic.code, forAllChildren: true }],
      },
    });
    assert.equal(assigned.json().errors, false, assigned.body);
    const removed = await visier.request({
      method: 'DELETE',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}/remove`,
      ...modelForm({
        targetUserIds: [user.id, other.id, MISSING],
        targetTenantCodes: [
          { tenantCode: analytic.code, forAllChildren: 'true' },
          { tenantCode: 'WFF_nope', forAllChildren: 'true' },
        ],
      }),
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json(), {
      badTenantCodes: [
        {
          tenantCode: 'WFF_nope',
          forAllChildren: true,
          error: { errorMessage: 'Tenant code does not exist' },
        },
      ],
      badUserIds: [{ userId: MISSING, error: { errorMessage: 'User ID does not exist' } }],
      unaffectedUsers: [{ userId: other.id }],
      succeeded: [{ userId: user.id }],
      // As Visier documents the answer to this call, beside its schema's fields.
      failed: [{ userId: MISSING, message: 'User ID does not exist' }],
    });
    assert.equal(await holds(admin, user.id, analytic), false);
    assert.equal(await holds(admin, user.id, sibling), false);
  });

  /** The audit events of one request, oldest first, as action, user and reach. */
  const trailOf = async (tenant: TenantRef, requestId: unknown) => {
    const filter = encodeURIComponent(`requestId eq "${String(requestId)}"`);
    const res = await as(t(), tenant, 'GET', `/v1/audit-events?filter=${filter}&sort=id&limit=200`);
    assert.equal(res.statusCode, 200, res.body);
    return res
      .json()
      .items.map((e: any) => [
        e.action,
        (e.after ?? e.before).userId,
        (e.after ?? e.before).includeDescendants,
      ]);
  };

  test('every pair of user and tenant is applied in the order asked, a tenant named twice too, and so is the trail', async () => {
    const { admin, analytic, visier, profile, user } = await setup();
    const other = await newUser(t(), admin);
    const assigned = await visier.request({
      method: 'PUT',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}/assign`,
      payload: {
        targetUserIds: [user.id, other.id, user.id],
        // The same tenant by code and by id: the second assign changes what the first made.
        targetTenantCodes: [
          { tenantCode: analytic.code, forAllChildren: true },
          { tenantCode: analytic.id, forAllChildren: false },
        ],
      },
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.deepEqual(
      assigned.json().successfulAssignments.map((s: any) => [s.userId, s.tenantCode]),
      [
        [user.id, analytic.code],
        [user.id, analytic.id],
        [other.id, analytic.code],
        [other.id, analytic.id],
      ],
    );
    assert.deepEqual(await trailOf(admin, assigned.headers['x-request-id']), [
      ['assignment.create', user.id, true],
      ['assignment.update', user.id, false],
      ['assignment.create', other.id, true],
      ['assignment.update', other.id, false],
    ]);
    // One assignment per user, made by the first target and changed by the second.
    const listed = await as(t(), admin, 'GET', `/v1/profiles/${profile.id}/assignments`);
    assert.deepEqual(
      listed
        .json()
        .items.map((a: any) => [a.userId, a.scopeTenantId, a.includeDescendants, a.version])
        .sort(),
      [
        [user.id, analytic.id, false, 2],
        [other.id, analytic.id, false, 2],
      ].sort(),
    );

    const removed = await visier.request({
      method: 'DELETE',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}/remove`,
      payload: {
        targetUserIds: [other.id, user.id],
        targetTenantCodes: [
          { tenantCode: analytic.id, forAllChildren: false },
          { tenantCode: analytic.code, forAllChildren: false },
        ],
      },
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().succeeded, [{ userId: other.id }, { userId: user.id }]);
    assert.deepEqual(removed.json().unaffectedUsers, []);
    assert.deepEqual(await trailOf(admin, removed.headers['x-request-id']), [
      ['assignment.delete', other.id, false],
      ['assignment.delete', user.id, false],
    ]);
  });

  test('accepts the path of Visier’s samples, and lists only analytic-tenant profiles', async () => {
    const { admin, visier, profile } = await setup();
    await newProfile(t(), admin, { audience: 'tenant' });
    for (const url of ['/v1/admin/accessible-tenants', '/v1/admin/profiles/accessible-tenants']) {
      const res = await visier.request({ method: 'GET', url });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(
        res.json().profiles.map((p: any) => p.profileId),
        [profile.id],
      );
    }
    const one = await visier.request({
      method: 'GET',
      url: `/v1/admin/profiles/accessible-tenants/${profile.id}`,
    });
    assert.equal(one.json().profileId, profile.id);
    assert.deepEqual(
      one.json().profiles,
      [{ ...one.json(), profiles: undefined }].map(({ profiles: _, ...p }) => p),
    );
  });

  test('TargetTenantID acts as an analytic tenant; a tenant outside the subtree is not found', async () => {
    const { admin, analytic, visier } = await setup();
    const local = await newProfile(t(), analytic, { audience: 'tenant' });
    const inAnalytic = await visier.request({
      method: 'GET',
      url: '/v1/admin/profiles',
      headers: { TargetTenantID: analytic.code },
    });
    assert.equal(inAnalytic.statusCode, 200, inAnalytic.body);
    assert.deepEqual(
      inAnalytic.json().profiles.map((p: any) => p.profileId),
      [local.id],
    );
    const stranger = await newTenant(t());
    const outside = await visier.request({
      method: 'GET',
      url: '/v1/admin/profiles',
      headers: { TargetTenantID: stranger.code },
    });
    assert.equal(outside.statusCode, 404);
    assert.equal(outside.json().code, 'tenant.not_found');
    // An analytic tenant's credential cannot reach up to its administrating tenant.
    const analyticClient = await visierClient(t(), analytic);
    const up = await analyticClient.request({
      method: 'GET',
      url: '/v1/admin/profiles',
      headers: { TargetTenantID: admin.code },
    });
    assert.equal(up.statusCode, 404);
  });
});
