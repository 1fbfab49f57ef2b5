import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openApiDocument } from '../support/openapi.js';

test('the committed docs/openapi.json matches the routes (run `npm run openapi` to refresh it)', async () => {
  const committed = JSON.parse(await readFile('docs/openapi.json', 'utf8')) as unknown;
  assert.deepEqual(committed, await openApiDocument());
});

test('the document is OpenAPI 3.1 and every operation declares its error responses', async () => {
  const doc = (await openApiDocument()) as {
    openapi: string;
    paths: Record<string, Record<string, { responses: object }>>;
  };
  assert.equal(doc.openapi, '3.1.0');
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const statuses = Object.keys(operation.responses);
      assert.ok(statuses.length > 0, `${method} ${path} declares no response`);
      if (path.startsWith('/v1/'))
        assert.ok(
          statuses.some((s) => s.startsWith('4')),
          `${method} ${path} declares no 4xx`,
        );
    }
  }
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
