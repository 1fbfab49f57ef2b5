import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineGrants } from '../../src/core/access/combine-grants.js';
import type { ActiveGrantRow } from '../../src/store/repositories/access.repository.js';

const row = (
  profile: string,
  capability: string | null,
  access: number | null,
  view: number | null,
  extra: Partial<ActiveGrantRow> = {},
): ActiveGrantRow => ({
  assignment_id: `a-${profile}`,
  profile_id: profile,
  profile_name: profile,
  scope_tenant_id: 't',
  include_descendants: 0,
  additional_capabilities: '[]',
  roles: '[]',
  permissions: '[]',
  capability,
  access_level: access,
  view_level: view,
  ...extra,
});

test('access and view levels combine independently to the highest', () => {
  const access = combineGrants([row('p1', 'Data', 2, 0), row('p2', 'Data', 1, 1)]);
  assert.deepEqual(access.capabilities, [
    { capability: 'Data', accessLevel: 'Write', viewLevel: 'Detailed', grantedBy: ['p1', 'p2'] },
  ]);
});

test('additional capabilities, roles and permissions are unions, counted once per profile', () => {
  const p = (id: string) =>
    JSON.stringify([
      { permissionId: id, name: id, version: '1', description: null, resourceType: null, variables: [] },
    ]);
  const access = combineGrants([
    row('p1', 'Data', 1, 0, { additional_capabilities: '["Approve"]', roles: '["b"]', permissions: p('x') }),
    row('p1', 'Model', 1, 0, { additional_capabilities: '["Approve"]', roles: '["b"]', permissions: p('x') }),
    row('p2', null, null, null, {
      additional_capabilities: '["DataUpload","Approve"]',
      roles: '["a"]',
      permissions: p('x'),
    }),
  ]);
  assert.deepEqual(access.additionalCapabilities, ['Approve', 'DataUpload']);
  assert.deepEqual(access.roles, ['a', 'b']);
  assert.equal(access.permissions.length, 1);
  assert.equal(access.sources.length, 2);
});

test('no grants, no access', () => {
  assert.deepEqual(combineGrants([]).capabilities, []);
});
