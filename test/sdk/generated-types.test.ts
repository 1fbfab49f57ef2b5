// The SDK's types are generated from docs/openapi.json; this fails when they drift from it
// (run `npm run openapi`, which writes both).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

test('the SDK types are what the committed OpenAPI document generates', async () => {
  // @ts-expect-error a plain JavaScript module without declarations
  const { generatedTypes } = (await import('../../packages/sdk/scripts/generate.mjs')) as {
    generatedTypes: () => Promise<string>;
  };
  const committed = await readFile(
    new URL('../../packages/sdk/src/generated/openapi.ts', import.meta.url),
    'utf8',
  );
  assert.equal(
    committed,
    await generatedTypes(),
    'run `npm run openapi` to regenerate packages/sdk/src/generated',
  );
});

test('the SDK types cover the native API and none of the vendor APIs', async () => {
  const committed = await readFile(
    new URL('../../packages/sdk/src/generated/openapi.ts', import.meta.url),
    'utf8',
  );
  for (const path of ['/v1/profiles/{id}', '/v1/access/check', '/oauth2/token', '/v1/audit-events']) {
    assert.ok(committed.includes(`"${path}": {`), path);
  }
  for (const path of ['/v1/admin/profiles', '/iroh/profile/whoami', '/api/resource-manager/profiles']) {
    assert.ok(!committed.includes(`"${path}": {`), path);
  }
});
