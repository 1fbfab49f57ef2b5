import type { TestApp } from './app.js';
import { as, create, type TenantRef } from './fixtures.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, type TestDirectory } from './slapd.js';

/** The test directory's attributes that profiles may require. */
export const readAttributes = ['departmentNumber', 'title', 'employeeType'];

/** Connects the tenant to the test slapd as profiled's service account. */
export const connectTestDirectory = (
  t: TestApp,
  tenant: TenantRef,
  ldap: TestDirectory,
  extra: object = {},
) =>
  create(t, tenant, '/v1/directories', {
    name: 'corp',
    url: ldap.url,
    bindDn: SERVICE_DN,
    bindPassword: SERVICE_PASSWORD,
    baseDn: BASE_DN,
    attributes: readAttributes,
    ...extra,
  });

export async function sync(t: TestApp, tenant: TenantRef, directoryId: string) {
  return as(t, tenant, 'POST', `/v1/directories/${directoryId}/sync`);
}

/** The tenant's users by username. */
export async function usersByName(t: TestApp, tenant: TenantRef): Promise<Map<string, any>> {
  const answer = await as(t, tenant, 'GET', '/v1/users?limit=200');
  return new Map(answer.json().items.map((u: any) => [u.username, u]));
}
