import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from './app.js';
import { as, newUser, type TenantRef } from './fixtures.js';

export const ARM_PASSWORD = 'Correct-Horse-42';

/** The keys of a field of ARM's form templates (attributes, configuration), in ARM's order. */
export const FORM_FIELD_KEYS = [
  'Type',
  'value',
  'defaultValue',
  'label',
  'description',
  'isRequired',
  'isEnabled',
  'isHidden',
];

export interface ArmSession {
  /** The SessionId login answered (the session token). */
  sessionId: string;
  /** The user signed in, as the native API shows it. */
  user: any;
  /** Sends a request with `Authorization: Bearer <SessionId>`, as ARM scripts do. */
  request(method: NonNullable<InjectOptions['method']>, url: string, payload?: unknown): Promise<Answer>;
}

/** Sends a request presenting `sessionId` as a bearer token. */
export const armRequest = (
  t: TestApp,
  sessionId: string,
  method: NonNullable<InjectOptions['method']>,
  url: string,
  payload?: unknown,
) =>
  t.request({
    method,
    url,
    headers: { authorization: `Bearer ${sessionId}` },
    ...(payload !== undefined && { payload: payload as object }),
  });

/** POST /api/v1/session/login as ARM's clients send it. */
export const armLogin = (t: TestApp, body: object, prefix = '') =>
  t.app.inject({ method: 'POST', url: `${prefix}/api/v1/session/login`, payload: body }) as Promise<Answer>;

/**
 * A new user of `tenant` with a password (its sessions get `scopes`, default all the admin
 * holds), signed in through ARM's login with `domain` set to the tenant's code.
 */
export async function armSession(
  t: TestApp,
  tenant: TenantRef,
  options: { scopes?: string[]; user?: object } = {},
): Promise<ArmSession> {
  const user = await newUser(t, tenant, options.user);
  const set = await as(t, tenant, 'PUT', `/v1/users/${user.id}/password`, {
    password: ARM_PASSWORD,
    ...(options.scopes && { scopes: options.scopes }),
  });
  assert.equal(set.statusCode, 200, set.body);
  const login = await armLogin(t, { username: user.username, password: ARM_PASSWORD, domain: tenant.code });
  assert.equal(login.statusCode, 200, login.body);
  const sessionId = login.json().SessionId as string;
  return {
    sessionId,
    user,
    request: (method, url, payload) => armRequest(t, sessionId, method, url, payload),
  };
}

/** The body of an answer with the expected status. */
export function answered(answer: Answer, status = 200): any {
  assert.equal(answer.statusCode, status, answer.body);
  return answer.json();
}

/** A ChangeResult of a failure with `status`: Success false, ErrorDetails naming what went wrong. */
export function refusedWith(answer: Answer, status: number, message?: RegExp): any {
  assert.equal(answer.statusCode, status, answer.body);
  const body = answer.json();
  assert.deepEqual(Object.keys(body), ['Success', 'Data', 'ResponseId', 'ErrorDetails']);
  assert.equal(body.Success, false);
  assert.equal(body.Data, null);
  assert.equal(typeof body.ResponseId, 'string');
  // What no route answers (an unknown path) goes without the X-Request-Id header.
  if (answer.headers['x-request-id'] !== undefined)
    assert.equal(body.ResponseId, answer.headers['x-request-id']);
  if (message) assert.match(body.ErrorDetails.Message, message);
  return body;
}
