import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { ActingTenant } from '../../src/core/context.js';
import { unique, type TestApp } from './app.js';

export interface TenantRef {
  id: string;
  code: string;
}

/** The installation's root tenant (created on first use). */
export async function rootTenant(t: TestApp): Promise<TenantRef> {
  const found = await t.request({ method: 'GET', url: '/v1/tenants/ROOT' });
  if (found.statusCode === 200) return found.json();
  const created = await t.request({
    method: 'POST',
    url: '/v1/tenants',
    payload: { code: 'ROOT', name: 'Root' },
  });
  assert.equal(created.statusCode, 201, created.body);
  return created.json();
}

/** A new tenant of its own for a test, under `parent` (default: the root). */
export async function newTenant(t: TestApp, parent?: TenantRef, extra: object = {}): Promise<TenantRef> {
  const parentId = (parent ?? (await rootTenant(t))).id;
  const res = await t.request({
    method: 'POST',
    url: '/v1/tenants',
    payload: { code: unique('T'), name: 'Test tenant', parentId, ...extra },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A tenant made by `newTenant` under the root, as the core names it (with its path). */
export const actingOf = (t: TestApp, tenant: TenantRef): TenantRef & ActingTenant => ({
  ...tenant,
  path: `${t.root.path}${tenant.id}/`,
});

/** POST to a tenant-owned collection as that tenant; asserts 201 and answers the body. */
export async function create(t: TestApp, tenant: TenantRef, path: string, payload: object): Promise<any> {
  const res = await t.request({
    method: 'POST',
    url: path,
    headers: { 'target-tenant': tenant.code },
    payload,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

export const newUser = (t: TestApp, tenant: TenantRef, extra: object = {}) =>
  create(t, tenant, '/v1/users', { username: unique('user'), ...extra });

export const newProfile = (t: TestApp, tenant: TenantRef, extra: object = {}) =>
  create(t, tenant, '/v1/profiles', { name: unique('profile'), ...extra });

export const newResourceType = (t: TestApp, tenant: TenantRef, extra: object = {}) =>
  create(t, tenant, '/v1/resource-types', { name: unique('type'), ...extra });

/** A catalog permission of a new resource type of the tenant (or of `extra.resourceTypeId`). */
export const newPermission = async (t: TestApp, tenant: TenantRef, extra: object = {}) =>
  create(t, tenant, '/v1/permissions', {
    resourceTypeId: (await newResourceType(t, tenant)).id,
    name: unique('permission'),
    ...extra,
  });

/** Sends a request acting as `tenant`. */
export function as(
  t: TestApp,
  tenant: TenantRef,
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return t.request({
    method: method,
    url,
    headers: { 'target-tenant': tenant.code, ...headers },
    ...(payload !== undefined && { payload }),
  });
}
