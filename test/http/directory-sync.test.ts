import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Attribute, Change } from 'ldapts';
import { forEachApp } from '../support/app.js';
import { connectTestDirectory, sync, usersByName } from '../support/directory.js';
import { as, actingOf, newTenant } from '../support/fixtures.js';
import { DomainError } from '../../src/core/errors.js';
import { readDirectory, writeSnapshot } from '../../src/core/services/directory-sync.service.js';
import { bindPasswordOf, getDirectory } from '../../src/core/services/directory.service.js';
import { groupDn, peopleDn, slapdMissing, startDirectory, type TestDirectory } from '../support/slapd.js';

forEachApp('directory sync from a real OpenLDAP', (t) => {
  let ldap: TestDirectory;
  before(async () => {
    if (!slapdMissing) ldap = await startDirectory();
  });
  after(() => ldap?.stop());

  test('hostile input on the directory and compliance routes is a 4xx, never a 500', async () => {
    const tenant = await newTenant(t());
    const valid = {
      name: 'ok',
      url: 'ldap://127.0.0.1:9',
      bindDn: 'cn=x',
      bindPassword: 'x',
      baseDn: 'dc=x',
    };
    const made = (await as(t(), tenant, 'POST', '/v1/directories', valid)).json();
    const bodies: [string, string, unknown][] = [
      ['POST', '/v1/directories', { ...valid, name: 'nul\u0000name' }],
      ['POST', '/v1/directories', { ...valid, bindDn: 'cn=\u0000' }],
      ['POST', '/v1/directories', { ...valid, name: '' }],
      ['POST', '/v1/directories', { ...valid, attributes: ['bad attr'] }],
      ['POST', '/v1/directories', { ...valid, attributes: 'title' }],
      ['POST', '/v1/directories', { ...valid, writable: 'yes' }],
      ['POST', '/v1/directories', { ...valid, userFilter: 'uid=x' }],
      ['POST', '/v1/directories', { ...valid, extra: 1 }],
      ['POST', '/v1/directories', { ...valid, caCertificate: 'x'.repeat(200_000) }],
      ['PATCH', `/v1/directories/${made.id}`, { attributeMap: { username: 1e308 } }],
      ['PATCH', `/v1/directories/${made.id}`, {}],
      ['POST', '/v1/directories/nul%00id/sync', undefined],
      ['GET', '/v1/compliance?tenant=%00', undefined],
      ['GET', '/v1/compliance?profile=%00', undefined],
      ['GET', '/v1/compliance?limit=1e308', undefined],
      ['GET', '/v1/compliance?limit=-1', undefined],
      ['GET', '/v1/compliance?cursor=%00', undefined],
      ['GET', '/v1/users/%00/compliance', undefined],
      ['POST', '/v1/compliance/remediate', { userIds: ['\u0000'] }],
      ['POST', '/v1/compliance/remediate', { profileId: '\u0000' }],
      ['POST', '/v1/compliance/remediate', { dryRun: 'no' }],
      ['POST', '/v1/compliance/remediate', { userIds: [1e308] }],
    ];
    for (const [method, url, body] of bodies) {
      const answer = await as(t(), tenant, method as 'POST', url, body as object);
      assert.ok(
        answer.statusCode >= 400 && answer.statusCode < 500,
        `${method} ${url} ${JSON.stringify(body)?.slice(0, 80)}: ${answer.statusCode} ${answer.body}`,
      );
    }
  });

  test(
    'a sync creates accounts and groups with nested membership and attributes',
    { skip: slapdMissing },
    async () => {
      const tenant = await newTenant(t());
      const directory = await connectTestDirectory(t(), tenant, ldap);
      assert.equal('bindPassword' in directory, false, 'the bind password is never shown');
      const answer = await sync(t(), tenant, directory.id);
      assert.equal(answer.statusCode, 200, answer.body);
      const report = answer.json();
      assert.deepEqual(report.accounts, {
        read: 4,
        created: 4,
        updated: 0,
        unchanged: 0,
        vanished: 0,
        failed: 0,
      });
      assert.deepEqual(report.groups, { read: 7, created: 7, updated: 0, unchanged: 0, vanished: 0 });

      const users = await usersByName(t(), tenant);
      const dave = users.get('dave');
      assert.equal(dave.email, 'dave@example.org');
      assert.equal(dave.directory.provider, 'OpenLDAP');
      assert.equal(dave.directory.fqdn, peopleDn('dave'));
      assert.equal(dave.directory.directoryId, directory.id);
      assert.match(dave.directory.externalId, /^[0-9a-f-]{36}$/);
      // Platform is in Engineering, which is in Everyone: dave is in all three.
      assert.deepEqual(dave.directory.actualGroups, ['Engineering', 'Everyone', 'Platform']);
      assert.deepEqual(dave.directory.actualAttributes, [
        { name: 'departmentNumber', value: 'Engineering' },
        { name: 'title', value: 'SRE' },
      ]);
      // A cycle of groups (LoopA in LoopB in LoopA) ends where it repeats.
      assert.deepEqual(users.get('carol').directory.actualGroups, ['Auditors', 'Everyone', 'LoopA', 'LoopB']);

      const groups = (await as(t(), tenant, 'GET', '/v1/groups?limit=50')).json().items;
      const everyone = groups.find((g: any) => g.name === 'Everyone');
      assert.equal(everyone.fqdn, groupDn('Everyone'));
      assert.deepEqual(
        everyone.memberIds.toSorted(),
        ['alice', 'bob', 'carol', 'dave'].map((name) => users.get(name).id).toSorted(),
      );

      const again = (await sync(t(), tenant, directory.id)).json();
      assert.deepEqual(again.accounts, {
        read: 4,
        created: 0,
        updated: 0,
        unchanged: 4,
        vanished: 0,
        failed: 0,
      });
      const shown = (await as(t(), tenant, 'GET', `/v1/directories/${directory.id}`)).json();
      assert.deepEqual(shown.lastSync.accounts, again.accounts);
    },
  );

  test(
    'changes in the directory update accounts; a removed entry is marked vanished, not deleted',
    { skip: slapdMissing },
    async () => {
      const ldapForThis = await startDirectory();
      try {
        const tenant = await newTenant(t());
        const directory = await connectTestDirectory(t(), tenant, ldapForThis);
        await sync(t(), tenant, directory.id);
        const client = await ldapForThis.admin();
        await client.modify(peopleDn('bob'), [
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: 'title', values: ['Director'] }),
          }),
        ]);
        await client.del(peopleDn('carol'));
        // dave's entry is deleted and made again: a new entryUUID, the same uid.
        const before = (await usersByName(t(), tenant)).get('dave');
        await client.del(peopleDn('dave'));
        await client.add(peopleDn('dave'), {
          objectClass: 'inetOrgPerson',
          uid: 'dave',
          cn: 'Dave Dunn',
          sn: 'Dunn',
          mail: 'dave@example.org',
          title: 'SRE',
        });
        await client.unbind();

        const report = (await sync(t(), tenant, directory.id)).json();
        assert.deepEqual(report.accounts, {
          read: 3,
          created: 0,
          updated: 2,
          unchanged: 1,
          vanished: 1,
          failed: 0,
        });
        const users = await usersByName(t(), tenant);
        assert.deepEqual(
          users.get('bob').directory.actualAttributes.find((a: any) => a.name === 'title'),
          {
            name: 'title',
            value: 'Director',
          },
        );
        // The re-made entry takes dave's account over: the same account, its new stable id.
        const dave = users.get('dave');
        assert.equal(dave.id, before.id);
        assert.notEqual(dave.directory.externalId, before.directory.externalId);
        assert.equal(dave.directory.vanishedAt, null);
        const carol = users.get('carol');
        assert.ok(carol, 'a vanished account is kept');
        assert.match(carol.directory.vanishedAt, /^\d{4}-\d{2}-\d{2}T/);

        const events = (await as(t(), tenant, 'GET', '/v1/audit-events?limit=200')).json().items;
        assert.ok(events.some((e: any) => e.action === 'user.update' && e.targetId === users.get('bob').id));
        assert.ok(events.some((e: any) => e.action === 'directory.sync'));
      } finally {
        await ldapForThis.stop();
      }
    },
  );

  test('LDAPS and StartTLS verify the server against the CA given', { skip: slapdMissing }, async () => {
    const secure = await startDirectory({ tls: true });
    try {
      const tenant = await newTenant(t());
      const ca = secure.certificate!;
      const ldaps = await connectTestDirectory(t(), tenant, secure, {
        name: 'ldaps',
        url: secure.ldapsUrl,
        caCertificate: ca,
      });
      const viaLdaps = await sync(t(), tenant, ldaps.id);
      assert.equal(viaLdaps.statusCode, 200, viaLdaps.body);
      assert.equal(viaLdaps.json().accounts.read, 4);
      const startTls = await connectTestDirectory(t(), tenant, secure, {
        name: 'starttls',
        startTls: true,
        caCertificate: ca,
      });
      const viaStartTls = await sync(t(), tenant, startTls.id);
      assert.equal(viaStartTls.statusCode, 200, viaStartTls.body);
      assert.equal(viaStartTls.json().accounts.read, 4);
      // Without the CA the self-signed certificate does not verify: nothing is read or sent.
      const untrusted = await connectTestDirectory(t(), tenant, secure, {
        name: 'untrusted',
        url: secure.ldapsUrl,
      });
      const refused = await sync(t(), tenant, untrusted.id);
      assert.equal(refused.statusCode, 502, refused.body);
      assert.equal(refused.json().code, 'directory.unreachable');
      assert.match(refused.json().detail, /certificate/);
    } finally {
      await secure.stop();
    }
  });

  test(
    'two syncs writing one directory at once: one wins, the other stops with a 409, nothing doubles',
    { skip: slapdMissing },
    async () => {
      const tenant = await newTenant(t());
      const made = await connectTestDirectory(t(), tenant, ldap);
      const acting = actingOf(t(), tenant);
      const directory = await getDirectory(t().ctx, acting, made.id);
      const snapshot = await readDirectory(
        directory,
        await bindPasswordOf(t().ctx, t().auth.sealer, directory),
      );
      // As two processes would: each lists the accounts before the other has written any.
      const outcomes = await Promise.allSettled([
        writeSnapshot(t().ctx, acting, directory, snapshot, Date.now()),
        writeSnapshot(t().ctx, acting, directory, snapshot, Date.now()),
      ]);
      assert.ok(outcomes.some((o) => o.status === 'fulfilled'));
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          assert.ok(outcome.reason instanceof DomainError, String(outcome.reason));
          assert.equal(outcome.reason.code, 'directory.sync_in_progress');
        }
      }
      const users = await usersByName(t(), tenant);
      assert.deepEqual([...users.keys()].sort(), ['alice', 'bob', 'carol', 'dave']);
      assert.equal((await sync(t(), tenant, made.id)).statusCode, 200, 'a sync after it finds all in place');
    },
  );

  test(
    'a refused bind and an unreachable server are clear errors, and write nothing',
    { skip: slapdMissing },
    async () => {
      const tenant = await newTenant(t());
      const wrong = await connectTestDirectory(t(), tenant, ldap, { name: 'wrong', bindPassword: 'not-it' });
      const refused = await sync(t(), tenant, wrong.id);
      assert.equal(refused.statusCode, 502, refused.body);
      assert.equal(refused.json().code, 'directory.bind_failed');
      assert.match(refused.json().detail, /invalid credentials/);

      const nowhere = await connectTestDirectory(t(), tenant, ldap, {
        name: 'nowhere',
        url: 'ldap://127.0.0.1:9',
      });
      const unreachable = await sync(t(), tenant, nowhere.id);
      assert.equal(unreachable.statusCode, 502, unreachable.body);
      assert.equal(unreachable.json().code, 'directory.unreachable');
      assert.match(unreachable.json().detail, /127\.0\.0\.1:9/);

      assert.equal((await usersByName(t(), tenant)).size, 0);
      assert.equal((await as(t(), tenant, 'GET', `/v1/directories/${wrong.id}`)).json().lastSync, null);
    },
  );

  test(
    'directories are the tenant’s own; bad input is a 400 that names the field',
    { skip: slapdMissing },
    async () => {
      const tenant = await newTenant(t());
      const directory = await connectTestDirectory(t(), tenant, ldap);
      const other = await newTenant(t());
      assert.equal((await as(t(), other, 'GET', `/v1/directories/${directory.id}`)).statusCode, 404);
      assert.equal((await as(t(), other, 'POST', `/v1/directories/${directory.id}/sync`)).statusCode, 404);
      const duplicate = await as(t(), tenant, 'POST', '/v1/directories', {
        name: 'corp',
        url: ldap.url,
        bindDn: 'cn=x',
        bindPassword: 'x',
        baseDn: 'dc=x',
      });
      assert.equal(duplicate.json().code, 'directory.name_in_use');
      const bad = await as(t(), tenant, 'POST', '/v1/directories', {
        name: 'bad',
        url: 'http://example.org',
        bindDn: 'cn=x',
        bindPassword: 'x',
        baseDn: 'dc=x',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /url/);
    },
  );
});
