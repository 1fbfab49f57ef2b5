import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createProfile } from '../../../src/core/services/profile.service.js';
import { resolveTenantRef, wholeInstallation } from '../../../src/core/services/tenant.service.js';
import { createUser } from '../../../src/core/services/user.service.js';
import { forEachApp } from '../../support/app.js';
import { as, newTenant, rootTenant } from '../../support/fixtures.js';
import { visierClient } from '../../support/visier.js';

const run = promisify(execFile);
const curlFound = await run('curl', ['--version']).then(
  () => true,
  () => false,
);

/** Visier's documented curl samples, verbatim apart from the host (issue #4 quotes them). */
const samples = [
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/accessible-tenants' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/users/82424d8b-f99c-cd4d-9ac7-568919d9a0e4/profiles' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/users/82424d8b-f99c-cd4d-9ac7-568919d9a0e4/accessible-tenant-profiles' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/be29ae0d-85d5-4a06-a247-35b85a240319' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X GET --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/accessible-tenants/af1e7ba4-eef0-41db-9e44-5bac6151cd14' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}'`,
  `curl -X PUT --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/07ca543c-b64b-3fab-a8c1-02655ae47ecd/assign' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}' -d 'model={"targetUserIds":["1f4a7176-7f45-0147-b21f-472ae2167285","33ba5517-e4dc-a548-8d5f-b43f7a412506"],"validityStartTime": "1571122800000", "validityEndTime": "1571727600000"}'`,
  `curl -X PUT --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/accessible-tenants/af1e7ba4-eef0-41db-9e44-5bac6151cd14/assign' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}' -d 'model={"targetUserIds":["9a59c20b-9cb7-9f48-b812-0bb98eb19af8","1f4a7176-7f45-0147-b21f-472ae2167285"],"targetTenantCodes":[{"tenantCode": "WFF_j1r", "forAllChildren": "true"}], "validityStartTime": "1571122800000", "validityEndTime": "1571727600000"}'`,
  `curl -X DELETE --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/07ca543c-b64b-3fab-a8c1-02655ae47ecd/remove' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}' -d 'model={"targetUserIds":["1f4a7176-7f45-0147-b21f-472ae2167285","33ba5517-e4dc-a548-8d5f-b43f7a412506"]}'`,
  `curl -X DELETE --url 'https://{vanity_name}.api.visier.io/v1/admin/profiles/accessible-tenants/af1e7ba4-eef0-41db-9e44-5bac6151cd14/remove' -H 'apikey:{api_key}' -H 'Cookie:VisierASIDToken={security_token}' -d 'model={"targetUserIds":["9a59c20b-9cb7-9f48-b812-0bb98eb19af8"], "targetTenantCodes":[{"tenantCode": "WFF_j1r", "forAllChildren":"true"}]}'`,
];

/** The words of a command line as a POSIX shell splits them (single quotes only, as the samples use). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2]!);
  return words;
}

const EXISTING_USERS = ['82424d8b-f99c-cd4d-9ac7-568919d9a0e4', '1f4a7176-7f45-0147-b21f-472ae2167285'];
const MISSING_USER = '9a59c20b-9cb7-9f48-b812-0bb98eb19af8';

forEachApp("Visier's documented curl samples", (t) => {
  test(
    'run with only host, key and token changed, and answer the documented shapes',
    { skip: !curlFound && 'curl is not installed' },
    async () => {
      // The administrating tenant of the samples, WFF_j1r, with an analytic tenant below it.
      const root = await rootTenant(t());
      await as(t(), root, 'POST', '/v1/tenants', { code: 'WFF_j1r', name: 'Jupiter' });
      const admin = await resolveTenantRef(t().ctx, wholeInstallation, 'WFF_j1r');
      const adminRef = { id: admin.id, code: admin.code };
      await newTenant(t(), adminRef);
      const acting = { id: admin.id, path: admin.path };
      for (const id of EXISTING_USERS)
        await createUser(t().ctx, acting, { username: `user-${id.slice(0, 8)}` }, id);
      const grant = [
        { capability: 'Security', accessLevel: 'Write' as const, viewLevel: 'Detailed' as const },
      ];
      await createProfile(
        t().ctx,
        acting,
        { name: 'PARTNER_ADMIN', audience: 'accessible-tenants', capabilities: grant },
        'af1e7ba4-eef0-41db-9e44-5bac6151cd14',
      );
      await createProfile(
        t().ctx,
        acting,
        { name: 'ANALYST', audience: 'tenant', capabilities: grant },
        'be29ae0d-85d5-4a06-a247-35b85a240319',
      );
      await createProfile(
        t().ctx,
        acting,
        { name: 'SERVICE_MGR', audience: 'tenant' },
        '07ca543c-b64b-3fab-a8c1-02655ae47ecd',
      );

      // The secure token: a user with a password signs in.
      const password = 'Sample-Password-7';
      const set = await as(t(), adminRef, 'PUT', `/v1/users/${EXISTING_USERS[0]}/password`, { password });
      assert.equal(set.statusCode, 200, set.body);
      const apiKey = (await visierClient(t(), adminRef)).apiKey;
      await t().app.listen({ host: '127.0.0.1', port: 0 });
      const host = `http://127.0.0.1:${(t().app.server.address() as AddressInfo).port}`;
      const signIn = await run('curl', [
        '-s',
        '-X',
        'POST',
        `${host}/v1/admin/visierSecureToken`,
        '-d',
        `username=user-82424d8b&password=${password}&vanityName=WFF_j1r`,
      ]);
      const token = signIn.stdout;
      assert.match(token, /^ps_/);

      const answers = [];
      for (const sample of samples) {
        const line = sample
          .replace('https://{vanity_name}.api.visier.io', host)
          .replace('{api_key}', apiKey)
          .replace('{security_token}', token);
        const [, ...args] = shellWords(line);
        const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args]);
        const status = stdout.slice(stdout.lastIndexOf('\n') + 1);
        assert.equal(status, '200', `${sample}\n${stdout}`);
        answers.push(JSON.parse(stdout.slice(0, stdout.lastIndexOf('\n'))));
      }
      const [
        profiles,
        accessible,
        userProfiles,
        userAccessible,
        profile,
        accessibleProfile,
        assign,
        accessibleAssign,
        remove,
        accessibleRemove,
      ] = answers;
      assert.deepEqual(profiles.profiles.map((p: any) => p.displayName).sort(), ['ANALYST', 'SERVICE_MGR']);
      assert.deepEqual(
        accessible.profiles.map((p: any) => p.profileId),
        ['af1e7ba4-eef0-41db-9e44-5bac6151cd14'],
      );
      assert.deepEqual(userProfiles, { assignedProfiles: [] });
      assert.deepEqual(userAccessible, { assignedProfilesForAccessibleTenant: [] });
      assert.equal(profile.displayName, 'ANALYST');
      assert.deepEqual(profile.capabilities, [
        { capability: 'Security', accessLevel: 'Write', viewLevel: 'Detailed' },
      ]);
      assert.equal(accessibleProfile.displayName, 'PARTNER_ADMIN');
      assert.equal(assign.errors, true);
      assert.deepEqual(assign.successfulAssignments, [{ userId: EXISTING_USERS[1] }]);
      assert.equal(assign.badUserIds[0].userId, '33ba5517-e4dc-a548-8d5f-b43f7a412506');
      assert.deepEqual(accessibleAssign.successfulAssignments, [
        { userId: EXISTING_USERS[1], tenantCode: 'WFF_j1r', forAllChildren: true },
      ]);
      assert.equal(accessibleAssign.badUserIds[0].userId, MISSING_USER);
      assert.deepEqual(remove, {
        failed: [{ userId: '33ba5517-e4dc-a548-8d5f-b43f7a412506', message: 'User ID does not exist' }],
        succeeded: [{ userId: EXISTING_USERS[1] }],
      });
      // The answer Visier documents for the last sample.
      assert.deepEqual(accessibleRemove.failed, [
        { userId: MISSING_USER, message: 'User ID does not exist' },
      ]);
      assert.deepEqual(accessibleRemove.succeeded, []);
    },
  );
});
