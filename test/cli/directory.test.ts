import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { findUserByUsername } from '../../src/store/repositories/user.repository.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';
import { BASE_DN, SERVICE_DN, SERVICE_PASSWORD, slapdMissing, startDirectory } from '../support/slapd.js';

const run = promisify(execFile);
const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;

for (const kind of testDatabaseKinds()) {
  test(
    `profiled directory add, list and sync against a real slapd [${kind}]`,
    { skip: slapdMissing },
    async () => {
      const database = await openTestDatabase(kind, true);
      const ldap = await startDirectory();
      try {
        const ctx: CoreContext = { db: database.db, now: Date.now, actor: 'test' };
        const tenant = await createTenant(ctx, wholeInstallation, {
          code: 'DIR_T',
          name: 'Directory tenant',
        });
        const secret = join(mkdtempSync(join(tmpdir(), 'profiled-cli-')), 'bind-password');
        writeFileSync(secret, `${SERVICE_PASSWORD}\n`);
        const env = {
          ...process.env,
          DATABASE_URL: database.url,
          MASTER_KEY: randomBytes(32).toString('base64'),
        };
        const cli = (...args: string[]) =>
          run(process.execPath, ['--import', 'tsx', main, 'directory', ...args], { env });

        const added = await cli(
          'add',
          '--tenant',
          'DIR_T',
          '--name',
          'corp',
          '--url',
          ldap.url,
          '--bind-dn',
          SERVICE_DN,
          '--bind-password-file',
          secret,
          '--base-dn',
          BASE_DN,
          '--attributes',
          'departmentNumber,title',
        );
        assert.match(added.stdout, /^directory corp added: \S+$/m);
        assert.match((await cli('list', '--tenant', 'DIR_T')).stdout, /corp {2}OpenLDAP .* never synced/);

        const synced = await cli('sync', 'corp', '--tenant', 'DIR_T');
        assert.match(
          synced.stdout,
          /^accounts: 4 read, 4 created, 0 updated, 0 unchanged, 0 vanished, 0 failed$/m,
        );
        assert.match(synced.stdout, /^groups: 7 read, 7 created/m);
        assert.match(synced.stderr, /writing new accounts: 4\/4/);
        const alice = await findUserByUsername(database.db, tenant.id, 'alice');
        assert.deepEqual(alice?.directory.actualGroups, ['Engineering', 'Everyone']);

        await assert.rejects(
          cli('sync', 'nowhere', '--tenant', 'DIR_T'),
          (error: { stderr: string; code: number }) => {
            assert.notEqual(error.code, 0);
            assert.match(error.stderr, /directory\.not_found/);
            return true;
          },
        );
      } finally {
        await ldap.stop();
        await database.close();
      }
    },
  );
}
