import { newAccountNumber } from '../../src/store/account-number.js';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Assignment } from '../../src/core/model/assignment.js';
import type { AuditEvent } from '../../src/core/model/audit-event.js';
import type { Profile } from '../../src/core/model/profile.js';
import type { PlacedTenant } from '../../src/core/model/tenant.js';
import type { Group, User } from '../../src/core/model/user.js';
import type { Executor } from '../../src/store/executor.js';
import * as assignments from '../../src/store/repositories/assignment.repository.js';
import * as audit from '../../src/store/repositories/audit.repository.js';
import { findCapability } from '../../src/store/repositories/capability.repository.js';
import * as groups from '../../src/store/repositories/group.repository.js';
import * as profiles from '../../src/store/repositories/profile.repository.js';
import * as tenants from '../../src/store/repositories/tenant.repository.js';
import * as users from '../../src/store/repositories/user.repository.js';
import { forEachDatabase } from '../support/databases.js';

// Instants past 2^31 seconds' worth of milliseconds: BIGINT columns must come back as numbers.
const T1 = 1_764_000_000_123;
const T2 = 1_765_000_000_456;
const T3 = 1_766_000_000_789;
const code = () => `C${randomUUID().slice(0, 8)}`;

function aTenant(parent?: PlacedTenant): PlacedTenant {
  const id = randomUUID();
  return {
    id,
    code: code(),
    name: 'Codec Holdings',
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    enabled: true,
    address: null,
    settings: {},
    accountNumber: newAccountNumber(),
    createdAt: T1,
    updatedAt: T1,
    version: 1,
  };
}

function aUser(tenant: PlacedTenant, username: string): User {
  return {
    id: randomUUID(),
    tenantId: tenant.id,
    username,
    displayName: 'Ada Lovelace',
    employeeId: 'E-1815',
    email: `${username}@example.com`,
    givenName: 'Ada',
    familyName: 'Lovelace',
    nickname: 'Countess',
    role: 'analyst',
    locale: 'en-GB',
    enabled: false,
    directory: {
      provider: 'ldap',
      fqdn: 'corp.example.com',
      sid: 'S-1-5-21-1815',
      actualGroups: ['Analysts', 'Everyone'],
      actualAttributes: [{ name: 'department', value: 'Engines' }],
      directoryId: null,
      externalId: 'b2c4e6f8-0a1c-4e3d-8f5a-7b9c1d2e3f40',
      vanishedAt: T2,
    },
    createdAt: T1,
    updatedAt: T2,
    version: 3,
  };
}

function aProfile(tenant: PlacedTenant): Profile {
  return {
    id: randomUUID(),
    tenantId: tenant.id,
    name: `Analyst ${code()}`,
    description: 'Reads the data, writes the models.',
    enabled: false,
    audience: 'accessible-tenants',
    color: '#1A2B3C',
    initials: 'AN',
    // In capability-name order, as profiles are read.
    capabilities: [
      { capability: 'Security', accessLevel: 'NoAccess', viewLevel: 'Detailed' },
      { capability: 'TenantManagement', accessLevel: 'Write', viewLevel: 'Simple' },
      { capability: 'UserManagement', accessLevel: 'Read', viewLevel: 'Detailed' },
    ],
    additionalCapabilities: ['Approve', 'DataUpload'],
    roles: ['reviewer', 'analyst'],
    sessionDurationSeconds: 3600,
    desiredGroups: [{ name: 'Analysts', provider: 'ldap', sid: 'S-1-5-32-545' }],
    desiredLdapAttributes: [{ name: 'department', value: 'Engines' }],
    associations: { region: ['eu-west', 'us-east'], team: ['engines'] },
    permissions: [
      {
        permissionId: 'perm-1',
        name: 'Read reports',
        version: '2',
        description: 'Reports of the region',
        resourceTypeId: 'rt-1',
        resourceType: 'tenant',
        variables: [
          {
            name: 'region',
            value: 'eu-west',
            isSystemDefined: false,
            promptAtCheckout: false,
            type: 'String' as const,
            regexPattern: null,
            description: null,
          },
          {
            name: 'secret',
            value: null,
            isSystemDefined: true,
            promptAtCheckout: false,
            type: 'password' as const,
            regexPattern: '^[a-z]{12}$',
            description: 'twelve letters',
          },
        ],
      },
    ],
    policies: [
      {
        id: 'policy-1',
        name: 'Analysts only',
        description: 'only them',
        isActive: false,
        isDraft: true,
        isReadOnly: true,
        accessType: 'Deny' as const,
        condition: { approval: { required: true, approvers: ['lead'] } },
        members: [{ id: 'analysts', memberType: 'Tag' as const }],
        resourceLabels: { region: ['eu-west'] },
      },
    ],
    advancedSettings: { checkout: { maxHours: 8 }, notify: true },
    checkout: {
      durationMs: 3_600_000,
      extendable: true,
      extensionDurationMs: 1_800_000,
      extensionLimit: 2,
      notifyBeforeExpiryMs: 300_000,
      exclusive: true,
      delegationEnabled: false,
      policyOrderingEnabled: true,
    },
    createdAt: T1,
    createdBy: 'client:creator',
    updatedAt: T2,
    updatedBy: 'client:updater',
    lastAccessedAt: T3,
    version: 4,
  };
}

forEachDatabase('store codecs: every field of an entity survives a write and a read', (db) => {
  const executor = (): Executor => db().db;

  test('tenants', async () => {
    const parent = aTenant();
    const tenant: PlacedTenant = {
      ...aTenant(parent),
      enabled: false,
      address: { street: 'Main 1', city: 'Utrecht', region: 'UT', postalCode: '3511', country: 'NL' },
      settings: { timezone: 'Europe/Amsterdam', limits: { users: 50, nested: [1, 'two', null] } },
      updatedAt: T2,
      version: 7,
    };
    await tenants.insertTenant(executor(), parent);
    await tenants.insertTenant(executor(), tenant);
    assert.deepEqual(await tenants.findTenant(executor(), parent.path, tenant.id), tenant);

    const changes = {
      code: code(),
      name: 'Renamed',
      parentId: null,
      path: `/${tenant.id}/`,
      enabled: true,
      address: null,
      settings: { timezone: 'UTC' },
      updatedAt: T3,
    };
    assert.equal(await tenants.updateTenant(executor(), tenant.id, 7, changes), true);
    assert.deepEqual(await tenants.findTenant(executor(), '', tenant.id), {
      ...tenant,
      ...changes,
      version: 8,
    });
  });

  test('users', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const user = aUser(tenant, 'ada');
    await users.insertUser(executor(), user);
    assert.deepEqual(await users.findUser(executor(), tenant.id, user.id), user);

    const changes = {
      username: 'ada.byron',
      displayName: null,
      employeeId: null,
      email: null,
      givenName: 'Augusta',
      familyName: null,
      nickname: null,
      role: null,
      locale: 'fr-FR',
      enabled: true,
      directory: {
        provider: null,
        fqdn: null,
        sid: null,
        actualGroups: [],
        actualAttributes: [{ name: 'title', value: 'Countess' }],
        directoryId: null,
        externalId: 'c3d5e7f9-1b2d-4f6a-8c0e-2a4b6c8d0e1f',
        vanishedAt: null,
      },
      updatedAt: T3,
    };
    assert.equal(await users.updateUser(executor(), tenant.id, user.id, 3, changes), true);
    assert.deepEqual(await users.findUser(executor(), tenant.id, user.id), {
      ...user,
      ...changes,
      version: 4,
    });

    // Each directory fact is a field of its own: changing one leaves the others.
    assert.equal(
      await users.updateUser(executor(), tenant.id, user.id, 4, { directory: { sid: 'S-2' } }),
      true,
    );
    assert.deepEqual((await users.findUser(executor(), tenant.id, user.id))?.directory, {
      ...changes.directory,
      sid: 'S-2',
    });
  });

  test('groups, with their members', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const members = [aUser(tenant, 'a'), aUser(tenant, 'b'), aUser(tenant, 'c')];
    for (const member of members) await users.insertUser(executor(), member);
    // Members are read in id order.
    const [first, second, third] = members.map((m) => m.id).sort();
    const group: Group = {
      id: randomUUID(),
      tenantId: tenant.id,
      name: 'Engines',
      description: 'Those who build engines',
      provider: 'ldap',
      sid: 'S-1-5-32-1',
      fqdn: 'cn=Engines,ou=groups,dc=example,dc=com',
      directoryId: null,
      externalId: '6f1b5a52-8d4e-4a1c-9a7e-0c2b3d4e5f60',
      vanishedAt: 1_700_000_000_000,
      memberIds: [first!, second!],
      createdAt: T1,
      updatedAt: T2,
      version: 2,
    };
    await groups.insertGroup(executor(), group);
    assert.deepEqual(await groups.findGroup(executor(), tenant.id, group.id), group);

    const changes = {
      name: 'Analytical Engines',
      description: null,
      provider: null,
      sid: null,
      memberIds: [third!],
      updatedAt: T3,
    };
    assert.equal(await groups.updateGroup(executor(), tenant.id, group.id, 2, changes), true);
    assert.deepEqual(await groups.findGroup(executor(), tenant.id, group.id), {
      ...group,
      ...changes,
      version: 3,
    });
  });

  test('a stale group update changes neither the group nor its members', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const member = aUser(tenant, 'member');
    await users.insertUser(executor(), member);
    const group: Group = {
      id: randomUUID(),
      tenantId: tenant.id,
      name: 'Kept',
      description: null,
      provider: null,
      fqdn: null,
      directoryId: null,
      externalId: null,
      vanishedAt: null,
      sid: null,
      memberIds: [member.id],
      createdAt: T1,
      updatedAt: T1,
      version: 1,
    };
    await groups.insertGroup(executor(), group);
    assert.equal(
      await groups.updateGroup(executor(), tenant.id, group.id, 5, { name: 'Lost', memberIds: [] }),
      false,
    );
    assert.deepEqual(await groups.findGroup(executor(), tenant.id, group.id), group);
  });

  test('profiles, with their capability grants', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const profile = aProfile(tenant);
    await profiles.insertProfile(executor(), profile);
    assert.deepEqual(await profiles.findProfile(executor(), tenant.id, profile.id), profile);

    const changes: Partial<Profile> = {
      name: 'Renamed',
      description: null,
      enabled: true,
      audience: 'tenant',
      color: null,
      initials: null,
      capabilities: [{ capability: 'UserManagement', accessLevel: 'Write', viewLevel: 'Simple' }],
      additionalCapabilities: [],
      roles: ['auditor'],
      sessionDurationSeconds: null,
      desiredGroups: [{ name: 'Auditors', provider: null, sid: null }],
      desiredLdapAttributes: [],
      associations: {},
      permissions: [],
      policies: [],
      advancedSettings: {},
      updatedAt: T3,
      updatedBy: 'client:third',
    };
    assert.equal(await profiles.updateProfile(executor(), tenant.id, profile.id, 4, changes), true);
    assert.deepEqual(await profiles.findProfile(executor(), tenant.id, profile.id), {
      ...profile,
      ...changes,
      version: 5,
    });
  });

  test('a stale profile update changes neither the profile nor its grants', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const profile = aProfile(tenant);
    await profiles.insertProfile(executor(), profile);
    assert.equal(
      await profiles.updateProfile(executor(), tenant.id, profile.id, 1, { name: 'Lost', capabilities: [] }),
      false,
    );
    assert.deepEqual(await profiles.findProfile(executor(), tenant.id, profile.id), profile);
  });

  test('assignments', async () => {
    const tenant = aTenant();
    const scope = aTenant(tenant);
    await tenants.insertTenant(executor(), tenant);
    await tenants.insertTenant(executor(), scope);
    const user = aUser(tenant, 'holder');
    const profile = aProfile(tenant);
    await users.insertUser(executor(), user);
    await profiles.insertProfile(executor(), profile);
    const assignment: Assignment = {
      id: randomUUID(),
      tenantId: tenant.id,
      profileId: profile.id,
      userId: user.id,
      scopeTenantId: scope.id,
      includeDescendants: true,
      validFrom: T1,
      validUntil: T3,
      createdAt: T1,
      createdBy: 'client:assigner',
      updatedAt: T2,
      updatedBy: 'client:changer',
      version: 2,
    };
    await assignments.insertAssignment(executor(), assignment);
    assert.deepEqual(await assignments.findAssignment(executor(), tenant.id, assignment.id), assignment);

    const changes = {
      includeDescendants: false,
      validFrom: null,
      validUntil: null,
      updatedAt: T3,
      updatedBy: 'client:third',
    };
    assert.equal(await assignments.updateAssignment(executor(), tenant.id, assignment, 2, changes), true);
    assert.deepEqual(await assignments.findAssignment(executor(), tenant.id, assignment.id), {
      ...assignment,
      ...changes,
      version: 3,
    });
  });

  test('audit events, before and after as they were written', async () => {
    const tenant = aTenant();
    await tenants.insertTenant(executor(), tenant);
    const event: AuditEvent = {
      id: randomUUID(),
      at: T2,
      tenantId: tenant.id,
      actor: 'client:ci',
      credentialId: null,
      userId: null,
      action: 'profile.update',
      targetType: 'profile',
      targetId: randomUUID(),
      before: { name: 'old', roles: ['a'], nested: { n: 1, none: null } },
      after: { name: 'new', roles: [], nested: { n: 2, none: null } },
      requestId: 'req-1',
      source: 'native',
    };
    const created: AuditEvent = { ...event, id: randomUUID(), before: null, credentialId: randomUUID() };
    await audit.insertAuditEvent(executor(), tenant.path, event);
    await audit.insertAuditEvent(executor(), tenant.path, created);
    assert.deepEqual(await audit.findAuditEvent(executor(), tenant.path, event.id), event);
    assert.deepEqual(await audit.findAuditEvent(executor(), tenant.path, created.id), created);
  });

  test('capabilities of the catalog', async () => {
    assert.deepEqual(await findCapability(executor(), 'TenantManagement'), {
      name: 'TenantManagement',
      displayName: 'Tenant Management',
      description: 'Create, configure and disable tenants.',
    });
  });
});
