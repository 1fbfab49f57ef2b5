import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { demoLogin, demoWriterLogin } from '../../src/cli/serve.js';
import { openApiDocument } from '../support/openapi.js';

// The other tests run the sources; this one runs what `npm run build` ships (one bundle, see
// scripts/build.mjs): built into a directory of its own, with the project's packages beside it.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let main = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'profiled-build-'));
  await run(process.execPath, [join(root, 'scripts/build.mjs'), join(dir, 'dist')]);
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  main = join(dir, 'dist/cli/main.js');
});

after(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'data/profiled.db')}`,
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  PASSWORD_HASH_COST: '14',
});

test('the built CLI migrates, serves the demo, answers and stops', async () => {
  // (The command migrates as it opens the database, then says what is current.)
  const migrated = await run(process.execPath, [main, 'migrate'], { env: env() });
  assert.equal(migrated.stdout, 'database is up to date\n');

  const server = spawn(process.execPath, [main, 'serve', '--demo'], {
    env: env(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', () => {
        const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (address) resolve(address[1]!);
      });
      void exited.then(() => reject(new Error(`the server exited before listening:\n${output}`)));
    });

    // Each answer is read to its end: one left unread would hold its connection, and the stop.
    const status = async (path: string) => {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      return res.status;
    };
    assert.equal(await status('/healthz'), 200);
    const token = await fetch(`${base}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('demo-reader:demo-reader-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(token.status, 200);
    const headers = {
      authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}`,
    };

    const refused = await fetch(`${base}/v1/tenants?limit=nope`, { headers });
    assert.equal(refused.status, 400);
    assert.deepEqual(((await refused.json()) as { errors: unknown }).errors, [
      { pointer: '/querystring/limit', detail: 'must be integer' },
    ]);
    const tenants = await fetch(`${base}/v1/tenants?sort=code`, { headers });
    assert.equal(tenants.status, 200);
    const codes = ((await tenants.json()) as { items: { code: string }[] }).items.map((t) => t.code);
    assert.ok(codes.includes('WFF_j1r'), codes.join(', '));

    // The demo's directory: its sync facts are stored, so compliance answers without an LDAP server.
    const compliance = await fetch(`${base}/v1/compliance?all=true`, { headers });
    assert.equal(compliance.status, 200);
    const accounts = ((await compliance.json()) as { items: { username: string; compliant: boolean }[] })
      .items;
    assert.deepEqual(
      accounts.map((a) => [a.username, a.compliant]),
      [
        ['ada.lovelace', true],
        ['grace.hopper', false],
      ],
    );

    // The demo's two published sign-ins: one that reads, one that may write too.
    for (const [login, writes] of [
      [demoLogin, false],
      [demoWriterLogin, true],
    ] as const) {
      const { tenant, username, password } = login;
      const session = await fetch(`${base}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, username, password }),
      });
      assert.equal(session.status, 201, username);
      const { token } = (await session.json()) as { token: string };
      const whoami = await fetch(`${base}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
      const { scopes } = (await whoami.json()) as { scopes: string[] };
      assert.equal(scopes.includes('profiles:write'), writes, `${username}: ${scopes.join(' ')}`);
      assert.ok(scopes.includes('profiles:read'), username);
    }

    // The bundle's document is the sources' (but for the version, pinned there).
    const served = (await (await fetch(`${base}/openapi.json`)).json()) as { info: { version: string } };
    const expected = (await openApiDocument()) as { info: { version: string } };
    assert.deepEqual({ ...served, info: { ...served.info, version: '1' } }, expected);
    assert.equal(await status('/docs/static/swagger-ui-bundle.js'), 200);
  } finally {
    server.kill('SIGTERM');
  }
  assert.equal(await exited, 0, output);
});
