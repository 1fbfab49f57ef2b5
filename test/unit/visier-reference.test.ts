import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Answer } from '../support/app.js';
import { visierReference } from '../support/visier.js';

const reference = visierReference();
const answer = (statusCode: number, body: unknown, type = 'application/json; charset=utf-8') =>
  ({ statusCode, headers: { 'content-type': type }, json: () => body }) as unknown as Answer;
const held = {
  profileId: 'p1',
  displayName: 'Partner',
  tenantCode: 'T1',
  forAllChildren: true,
  validityStartTime: '-9223372036854775808',
  validityEndTime: '9223372036854775807',
};
const check = (body: unknown, status = 200, type?: string) =>
  reference.check('GET', '/v1/admin/users/{userId}/accessible-tenant-profiles', answer(status, body, type))
    .problems;

test('an answer shaped as the reference says passes', () => {
  assert.deepEqual(check({ assignedProfilesForAccessibleTenant: [held] }), []);
});

test('a field the reference does not define fails, however deep', () => {
  assert.match(check({ assignedProfilesForAccessibleTenant: [{ ...held, extra: 1 }] }).join(), /"extra"/);
  assert.match(check({ assignedProfilesForAccessibleTenant: [], more: [] }).join(), /"more"/);
});

test('a validity time as a number, where the reference says string, fails', () => {
  const problems = check({ assignedProfilesForAccessibleTenant: [{ ...held, validityEndTime: 1 }] });
  assert.match(problems.join(), /validityEndTime must be string/);
});

test('errors are checked against the default response (Status), through allOf and $ref', () => {
  const status = { localizedMessage: 'x', code: 'c', message: 'x', rci: 'r', userError: true };
  assert.deepEqual(check(status, 404), []);
  assert.match(check({ ...status, userError: 'yes' }, 404).join(), /userError must be boolean/);
  const assign = reference.check(
    'PUT',
    '/v1/admin/profiles/{profileId}/assign',
    answer(200, { badUserIds: [{ userId: 'u', error: { errorMessage: 'm', detail: 'd' } }] }),
  );
  assert.match(assign.problems.join(), /badUserIds\/0\/error .*"detail"/);
});

test('a wrong content type, and an operation the reference lacks, fail', () => {
  assert.match(check({ assignedProfilesForAccessibleTenant: [] }, 200, 'text/plain').join(), /content type/);
  assert.match(reference.check('GET', '/v1/admin/nothing', answer(200, {})).problems.join(), /no GET/);
});
