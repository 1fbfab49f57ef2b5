import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { findCredentialByLookup } from '../../src/store/repositories/credential.repository.js';
import { openTestDatabase, testDatabaseKinds } from '../support/databases.js';

const run = promisify(execFile);
const main = new URL('../../src/cli/main.ts', import.meta.url).pathname;

for (const kind of testDatabaseKinds()) {
  test(`profiled clients create --user makes a client acting as that user, by username or id [${kind}]`, async () => {
    const database = await openTestDatabase(kind, true);
    try {
      const ctx: CoreContext = { db: database.db, now: Date.now, actor: 'test' };
      const tenant = await createTenant(ctx, wholeInstallation, { code: 'CLI_T', name: 'CLI tenant' });
      const acting = { id: tenant.id, path: `/${tenant.id}/` };
      const user = await createUser(ctx, acting, { username: 'ada' });
      const env = {
        ...process.env,
        DATABASE_URL: database.url,
        MASTER_KEY: randomBytes(32).toString('base64'),
      };
      const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', main, ...args], { env });
      for (const ref of ['ada', user.id]) {
        const { stdout } = await cli(
          'clients',
          'create',
          '--name',
          'xdr',
          '--tenant',
          'CLI_T',
          '--user',
          ref,
        );
        const clientId = /^client_id=(\S+)$/m.exec(stdout)?.[1];
        assert.ok(clientId, stdout);
        const row = await findCredentialByLookup(database.db, 'oauth_client', clientId);
        assert.equal(row?.user_id, user.id, ref);
      }
      await assert.rejects(
        cli('clients', 'create', '--name', 'xdr', '--tenant', 'CLI_T', '--user', 'nobody'),
        (error: { stderr: string; code: number }) => {
          assert.notEqual(error.code, 0);
          assert.match(error.stderr, /user nobody does not exist/);
          return true;
        },
      );
    } finally {
      await database.close();
    }
  });
}
