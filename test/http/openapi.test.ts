import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Type } from 'typebox';
import { errors } from '../../src/http/schemas/common.js';
import { openApiDocument, undeclaredResponses, type OpenApi } from '../support/openapi.js';

test('the committed docs/openapi.json matches the routes (run `npm run openapi` to refresh it)', async () => {
  const committed = JSON.parse(await readFile('docs/openapi.json', 'utf8')) as unknown;
  assert.deepEqual(committed, await openApiDocument());
});

test('the document is OpenAPI 3.1 and every operation declares the errors its inputs imply', async () => {
  const doc = (await openApiDocument()) as OpenApi;
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(undeclaredResponses(doc), []);
});

test('the check reports an operation that declares only its success, or nothing but errors', async () => {
  const doc = (await openApiDocument((app) => {
    const config = { scope: 'users:write' } as const;
    const body = Type.Object({ name: Type.String() });
    const params = Type.Object({ id: Type.String() });
    const querystring = Type.Object({ dryRun: Type.Optional(Type.Boolean()) });
    app.put(
      '/v1/probe/:id',
      { config, schema: { body, params, querystring, response: { 200: body } } },
      async () => ({ name: 'x' }),
    );
    app.get(
      '/v1/probe',
      { config: { public: true }, schema: { security: [], response: errors(400) } },
      async () => ({}),
    );
  })) as OpenApi;
  const findings = undeclaredResponses(doc).filter((f) => f.includes('/v1/probe'));
  // The authentication plugin declares 401 and 403 itself, and every route that validates input
  // can answer 400 (http/plugins/input-errors.ts): only the route's own 404 is missing.
  assert.deepEqual(findings, [
    'PUT /v1/probe/{id}: does not declare 404',
    'GET /v1/probe: declares no success status',
  ]);
});

test('every guarded operation names the scope it needs, once', async () => {
  const doc = (await openApiDocument()) as {
    paths: Record<string, Record<string, { description?: string; security?: unknown[] }>>;
  };
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.security?.length === 0) continue;
      const notes = operation.description?.match(/Needs (the scope|any valid credential)/g) ?? [];
      assert.equal(notes.length, 1, `${method} ${path}: ${operation.description}`);
    }
  }
});
