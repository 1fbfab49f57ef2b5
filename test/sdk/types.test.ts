// The SDK's calls are typed by path. `npm run typecheck` checks this file: each `@ts-expect-error`
// line must be a type error (else tsc reports the directive as unused), and the assignments
// compile only while the answers keep their types. At run time the calls go to a stub server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createProfiled,
  ifMatch,
  ProfiledError,
  type ListItem,
  type Schema,
} from '../../packages/sdk/src/index.js';

const stored = { id: '0190a0c2-0000-7000-8000-000000000001', name: 'Payroll', enabled: true };

/** A fetch answering every request with the stored profile, or a page holding it. */
const stub: typeof fetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = url.pathname === '/v1/profiles' ? { items: [stored], nextCursor: null } : stored;
  return Response.json(body, { headers: { etag: '"1"' } });
};

const sdk = createProfiled({
  baseUrl: 'http://profiled.invalid',
  credentials: { token: 'a token' },
  fetch: stub,
});

test('answers are typed by path: data, etag and list items', async () => {
  const answer = await sdk.get('/v1/profiles/{id}', { params: { path: { id: stored.id } } });
  const name: string = answer.data.name;
  const enabled: boolean = answer.data.enabled;
  const etag: string | undefined = answer.etag;
  const profile: Schema<'Profile'> = answer.data;
  assert.deepEqual([name, enabled, etag, profile.id], ['Payroll', true, '"1"', stored.id]);

  for await (const item of sdk.list('/v1/profiles', { limit: 10 })) {
    const listed: ListItem<'/v1/profiles'> = item;
    const itemName: string = item.name;
    assert.equal(itemName, listed.name);
  }
  const headers: Record<string, string> = ifMatch(etag);
  assert.deepEqual(headers, { 'If-Match': '"1"' });
});

test('paths, parameters and bodies that the API does not have are type errors', async () => {
  // @ts-expect-error an unknown path
  await sdk.get('/v1/no-such-resource');
  // @ts-expect-error a path the API has, not with this method
  await sdk.put('/v1/profiles');
  // @ts-expect-error a body missing the required `name`
  await sdk.post('/v1/profiles', { body: { description: 'no name' } });
  // @ts-expect-error a field of the wrong type (`enabled` is a boolean)
  await sdk.post('/v1/profiles', { body: { name: 'Payroll', enabled: 'yes' } });
  // @ts-expect-error a field the body does not have
  await sdk.post('/v1/profiles', { body: { name: 'Payroll', colour: 'red' } });
  // @ts-expect-error a missing path parameter
  await sdk.get('/v1/profiles/{id}');
  // @ts-expect-error a query parameter the list does not take
  sdk.list('/v1/profiles', { limt: 10 });
  // @ts-expect-error a path that answers no list
  sdk.list('/v1/profiles/{id}');
  // @ts-expect-error a list under a resource needs its path parameters
  sdk.list('/v1/profiles/{id}/assignments');
  sdk.list('/v1/profiles/{id}/assignments', undefined, { id: stored.id });

  const answer = await sdk.get('/v1/profiles/{id}', { params: { path: { id: stored.id } } });
  // @ts-expect-error a field profiles do not have
  void answer.data.nmae;
  // @ts-expect-error the name is a string, not a number
  const wrong: number = answer.data.name;
  void wrong;
  const error = new ProfiledError(412, { code: 'precondition.failed' });
  const status: number = error.status;
  const code: string = error.code;
  assert.deepEqual([status, code, error.isConflict], [412, 'precondition.failed', true]);
});
