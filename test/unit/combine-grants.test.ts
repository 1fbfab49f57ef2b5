import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineGrants } from '../../src/core/access/combine-grants.js';
import type { ActiveAssignment } from '../../src/core/model/access.js';
import type { CapabilityGrant, ProfilePermission } from '../../src/core/model/profile.js';

const active = (
  profile: string,
  capabilities: CapabilityGrant[],
  extra: Partial<ActiveAssignment> = {},
): ActiveAssignment => ({
  assignmentId: `a-${profile}`,
  profileId: profile,
  profileName: profile,
  scopeTenantId: 't',
  includeDescendants: false,
  capabilities,
  additionalCapabilities: [],
  roles: [],
  permissions: [],
  ...extra,
});

test('access and view levels combine independently to the highest', () => {
  const access = combineGrants([
    active('p1', [{ capability: 'Data', accessLevel: 'Write', viewLevel: 'Simple' }]),
    active('p2', [{ capability: 'Data', accessLevel: 'Read', viewLevel: 'Detailed' }]),
  ]);
  assert.deepEqual(access.capabilities, [
    { capability: 'Data', accessLevel: 'Write', viewLevel: 'Detailed', grantedBy: ['p1', 'p2'] },
  ]);
});

test('a lower grant after a higher one keeps the higher levels', () => {
  const access = combineGrants([
    active('p1', [{ capability: 'Data', accessLevel: 'Write', viewLevel: 'Detailed' }]),
    active('p2', [{ capability: 'Data', accessLevel: 'NoAccess', viewLevel: 'Simple' }]),
  ]);
  assert.deepEqual(access.capabilities, [
    { capability: 'Data', accessLevel: 'Write', viewLevel: 'Detailed', grantedBy: ['p1', 'p2'] },
  ]);
});

test('additional capabilities, roles and permissions are unions, counted once per profile', () => {
  const p = (id: string): ProfilePermission[] => [
    {
      permissionId: id,
      name: id,
      version: '1',
      description: null,
      resourceTypeId: null,
      resourceType: null,
      variables: [],
    },
  ];
  const lists = { additionalCapabilities: ['Approve'], roles: ['b'], permissions: p('x') };
  const access = combineGrants([
    active(
      'p1',
      [
        { capability: 'Data', accessLevel: 'Read', viewLevel: 'Simple' },
        { capability: 'Model', accessLevel: 'Read', viewLevel: 'Simple' },
      ],
      lists,
    ),
    // The same profile through a second assignment (another scope) adds nothing twice.
    active('p1', [], { ...lists, assignmentId: 'a-p1-again' }),
    active('p2', [], {
      additionalCapabilities: ['DataUpload', 'Approve'],
      roles: ['a'],
      permissions: p('x'),
    }),
  ]);
  assert.deepEqual(access.additionalCapabilities, ['Approve', 'DataUpload']);
  assert.deepEqual(access.roles, ['a', 'b']);
  assert.equal(access.permissions.length, 1);
  assert.equal(access.sources.length, 3);
  assert.deepEqual(
    access.capabilities.map((c) => c.capability),
    ['Data', 'Model'],
  );
});

test('no grants, no access', () => {
  assert.deepEqual(combineGrants([]).capabilities, []);
});
