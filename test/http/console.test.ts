import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import type { DemoLogin } from '../../src/http/console.js';
import { forEachApp, testAppOptions, type TestApp } from '../support/app.js';

// A console directory as `npm run build` lays it out, with one tiny page and one hashed asset.
const built = mkdtempSync(join(tmpdir(), 'profiled-console-'));
mkdirSync(join(built, 'assets'));
const indexHtml = '<!doctype html><title>console</title><div id="root"></div>';
writeFileSync(join(built, 'index.html'), indexHtml);
writeFileSync(join(built, 'assets/index-abc123.js'), 'console.log("hi");\n');
const unbuilt = mkdtempSync(join(tmpdir(), 'profiled-console-unbuilt-'));
after(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(unbuilt, { recursive: true, force: true });
});

const demoLogins: DemoLogin[] = [
  { tenant: 'T', username: 'reader', password: 'Reader-Password-1', description: 'read-only' },
  { tenant: 'T', username: 'writer', password: 'Writer-Password-1', description: 'may read and write' },
];

/** An app over the suite's database with these console options, closed after the test. */
async function appWith(t: TestApp, console: Parameters<typeof buildApp>[0]['console']) {
  const app = await buildApp(testAppOptions(t.database.db, t.auth, { console }));
  t.defer(() => app.close());
  return app;
}

forEachApp(
  'the console at /console',
  (t) => {
    test('/console/ and any client-side path answer index.html, not cached for good', async () => {
      for (const url of ['/console/', '/console/profiles/0190c0de-0000-7000-8000-000000000000/edit']) {
        const res = await t().app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.equal(res.headers['cache-control'], 'no-cache');
        assert.equal(res.body, indexHtml);
      }
      const bare = await t().app.inject({ url: '/console' });
      assert.equal(bare.statusCode, 302);
      assert.equal(bare.headers.location, '/console/');
    });

    test('an asset is served as it is and cached for good; a missing one is a 404, not the page', async () => {
      const asset = await t().app.inject({ url: '/console/assets/index-abc123.js' });
      assert.equal(asset.statusCode, 200);
      assert.equal(asset.body, 'console.log("hi");\n');
      assert.match(String(asset.headers['content-type']), /javascript/);
      assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
      const missing = await t().app.inject({ url: '/console/assets/index-gone.js' });
      assert.equal(missing.statusCode, 404);
      assert.notEqual(missing.body, indexHtml);
    });

    test('the demo sign-ins are published under a demo, never cached', async () => {
      const res = await t().app.inject({ url: '/console/demo-login.json' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(res.json(), demoLogins);
    });

    test('without a demo there is no demo sign-in', async () => {
      const app = await appWith(t(), { directory: built });
      const logins = await app.inject({ url: '/console/demo-login.json' });
      assert.equal(logins.statusCode, 200);
      assert.deepEqual(logins.json(), []);
      assert.equal((await app.inject({ url: '/console/users' })).statusCode, 200);
    });

    test('an unbuilt console answers 404 with the hint to build it', async () => {
      const app = await appWith(t(), { directory: unbuilt, demoLogins });
      const res = await app.inject({ url: '/console' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /npm run build/);
    });
  },
  { console: { directory: built, demoLogins } },
);
