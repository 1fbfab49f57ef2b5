// The SDK works in browsers: it bundles for them with no Node built-in module, and the bundle runs
// against a real server with nothing but the globals a browser has (fetch, URL, crypto, ...).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isBuiltin } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build, type BuildResult } from 'esbuild';
import type * as Sdk from '../../packages/sdk/src/index.js';
import { forEachApp, unique } from '../support/app.js';
import { newTenant } from '../support/fixtures.js';
import { adminSdk, baseUrlOf, newClientCredentials } from '../support/sdk.js';

const entry = fileURLToPath(new URL('../../packages/sdk/src/index.ts', import.meta.url));

/** The SDK bundled as a browser would load it (`extra` is added to its entry point). */
async function bundleForBrowsers(extra = ''): Promise<BuildResult<{ metafile: true; write: false }>> {
  return build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};\n${extra}`, resolveDir: '.', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'ProfiledSDK',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

test('the SDK bundles for browsers, with no Node built-in module or global in it', async () => {
  const bundle = await bundleForBrowsers();
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(inputs.some((path) => path.endsWith('packages/sdk/src/credentials.ts')));
  const imports = Object.values(bundle.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  assert.deepEqual(imports.filter(isBuiltin), []);
  assert.doesNotMatch(bundle.outputFiles[0]!.text, /\bBuffer\b|\brequire\(|__dirname|__filename/);
});

test('a Node built-in module in the SDK would fail the browser bundle', async () => {
  await assert.rejects(
    bundleForBrowsers(`export { randomUUID } from 'node:crypto';`),
    /Could not resolve "node:crypto"/,
  );
});

/** The bundle run in a context holding only globals that browsers have too: no process, Buffer, require. */
async function loadInBrowserLikeContext(globals: Record<string, unknown> = {}): Promise<typeof Sdk> {
  const bundle = await bundleForBrowsers();
  const web = {
    fetch,
    Request,
    Response,
    Headers,
    FormData,
    Blob,
    ReadableStream,
    URL,
    URLSearchParams,
    AbortController,
    TextEncoder,
    TextDecoder,
    crypto,
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    ...globals,
  };
  const context = vm.createContext(web);
  vm.runInContext(bundle.outputFiles[0]!.text, context);
  return (context as { ProfiledSDK: typeof Sdk }).ProfiledSDK;
}

test('a page over plain http (no crypto.randomUUID) still gets random UUID idempotency keys', async () => {
  const insecure = { getRandomValues: (bytes: Uint8Array) => crypto.getRandomValues(bytes) };
  const sdk = await loadInBrowserLikeContext({ crypto: insecure });
  const keys = Array.from({ length: 50 }, () => sdk.idempotencyKey()['Idempotency-Key']!);
  for (const key of keys)
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(keys).size, keys.length);
});

forEachApp('the browser bundle against a real server', (t) => {
  test('signs in, creates, lists and throws ProfiledError with browser globals only', async () => {
    const sdk = await loadInBrowserLikeContext();
    const admin = await adminSdk(t());
    const tenant = await newTenant(t());
    const client = sdk.createProfiled({
      baseUrl: await baseUrlOf(t()),
      credentials: await newClientCredentials(admin, tenant, ['profiles:read', 'profiles:write']),
    });
    const name = unique('browser');
    const made = await client.post('/v1/profiles', { body: { name }, headers: sdk.idempotencyKey() });
    assert.equal(made.data.tenantId, tenant.id);
    const listed = await client.list('/v1/profiles', { limit: 1 }).all();
    // Array.from: an array of this realm, comparable with deepEqual (the bundle's are of its own).
    assert.deepEqual(
      Array.from(listed, (profile) => profile.name),
      [name],
    );
    const missing = await client.get('/v1/profiles/{id}', { params: { path: { id: randomUUID() } } }).then(
      () => assert.fail('found'),
      (error: unknown) => error,
    );
    assert.ok(missing instanceof sdk.ProfiledError);
    assert.deepEqual([missing.status, missing.code], [404, 'profile.not_found']);
  });
});
