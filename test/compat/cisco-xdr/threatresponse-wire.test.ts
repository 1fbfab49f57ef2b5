import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InjectOptions } from 'fastify';
import type { Answer, TestApp } from '../../support/app.js';
import { forEachApp } from '../../support/app.js';
import { ciscoClient, tokenRequest } from '../../support/cisco.js';
import { newTenant, newUser } from '../../support/fixtures.js';

/**
 * The requests Cisco's Python module `threatresponse` (0.15.0) sends, header for header, as
 * ../shared/reference/clients/cisco-threatresponse.md records them, and what it needs back: a
 * 2xx whose body parses as JSON (it calls raise_for_status() and then response.json()).
 */
const moduleHeaders = {
  'user-agent': 'python-requests/2.34.2',
  'accept-encoding': 'gzip, deflate',
  accept: '*/*',
  connection: 'keep-alive',
};

/** ClientAuthorizedRequest: a token in the constructor; on a 401, one new token and one retry. */
class ModuleClient {
  token = '';
  readonly sent: string[] = [];
  constructor(
    private readonly t: TestApp,
    private readonly clientId: string,
    private readonly password: string,
  ) {}

  async construct(): Promise<this> {
    this.token = await this.requestToken();
    return this;
  }

  private async requestToken(): Promise<string> {
    const res = await this.t.app.inject(tokenRequest(this.clientId, this.password));
    this.sent.push(`POST /iroh/oauth2/token -> ${res.statusCode}`);
    assert.ok(res.statusCode >= 200 && res.statusCode < 300, `raise_for_status: ${res.body}`);
    return res.json<{ access_token: string }>().access_token;
  }

  private async once(method: 'GET' | 'POST', url: string, json?: unknown): Promise<Answer> {
    const options: InjectOptions = {
      method,
      url,
      headers: {
        ...moduleHeaders,
        authorization: `Bearer ${this.token}`,
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      ...(json !== undefined && { payload: JSON.stringify(json) }),
    };
    const res = (await this.t.app.inject(options)) as Answer;
    this.sent.push(`${method} ${url.split('?')[0]} -> ${res.statusCode}`);
    return res;
  }

  /** perform(): the call, a new token and the call again after a 401; then raise_for_status and json(). */
  async call(method: 'GET' | 'POST', url: string, json?: unknown): Promise<any> {
    let res = await this.once(method, url, json);
    if (res.statusCode === 401) {
      this.token = await this.requestToken();
      res = await this.once(method, url, json);
    }
    assert.ok(
      res.statusCode >= 200 && res.statusCode < 300,
      `raise_for_status: ${res.statusCode} ${res.body}`,
    );
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    return JSON.parse(res.body);
  }
}

forEachApp('Cisco XDR: the requests of the threatresponse module', (t) => {
  async function moduleFor() {
    const tenant = await newTenant(t(), undefined, { name: 'Acme' });
    const admin = await newUser(t(), tenant, { role: 'admin', email: 'admin@acme.test', givenName: 'Ada' });
    const client = await ciscoClient(t(), tenant, { userId: admin.id });
    return { tenant, admin, module: await new ModuleClient(t(), client.clientId, client.secret).construct() };
  }

  test('profile.whoami(), profile.org.get() and profile.org.post({"name": "Acme"})', async () => {
    const { module, admin, tenant } = await moduleFor();
    const whoami = await module.call('GET', '/iroh/profile/whoami');
    assert.equal(whoami.user['user-id'], admin.id);
    assert.equal(whoami.org.id, tenant.id);
    const org = await module.call('GET', '/iroh/profile/org');
    assert.equal(org.name, 'Acme');
    const posted = await module.call('POST', '/iroh/profile/org', { name: 'Acme Renamed' });
    assert.equal(posted.name, 'Acme Renamed');
    assert.equal((await module.call('GET', '/iroh/profile/org')).name, 'Acme Renamed');
  });

  test('user_mgmt.users.get/post, batch.users (id repeated), search.users with its query parameters', async () => {
    const { module, tenant } = await moduleFor();
    const bob = await newUser(t(), tenant, { email: 'bob@acme.test', role: 'user' });
    const carol = await newUser(t(), tenant, { email: 'carol@acme.test', role: 'user' });
    // quote(str(id), safe='') leaves a uuid as it is.
    const got = await module.call('GET', `/iroh/user-mgmt/users/${encodeURIComponent(bob.id)}`);
    assert.equal(got['user-email'], 'bob@acme.test');
    const posted = await module.call('POST', `/iroh/user-mgmt/users/${bob.id}`, { role: 'admin' });
    assert.equal(posted.role, 'admin');
    const batch = await module.call('GET', `/iroh/user-mgmt/batch/users?id=${bob.id}&id=${carol.id}`);
    assert.deepEqual(
      batch.map((u: { 'user-id': string }) => u['user-id']),
      [bob.id, carol.id],
    );
    const search = await module.call(
      'POST',
      '/iroh/user-mgmt/search/users?sort_by=user-email&sort_order=asc&offset=0&limit=10',
      {},
    );
    assert.deepEqual(
      search.users.map((u: { 'user-email': string }) => u['user-email']),
      ['admin@acme.test', 'bob@acme.test', 'carol@acme.test'],
    );
  });

  test('a stale token: 401, a new token, the call again: 200 (and a 403 is final)', async () => {
    const { module } = await moduleFor();
    module.token = `${module.token.slice(0, -4)}AAAA`;
    const whoami = await module.call('GET', '/iroh/profile/whoami');
    assert.ok(whoami.user);
    assert.deepEqual(module.sent.slice(-3), [
      'GET /iroh/profile/whoami -> 401',
      'POST /iroh/oauth2/token -> 200',
      'GET /iroh/profile/whoami -> 200',
    ]);
    const tenant = await newTenant(t());
    const reader = await ciscoClient(t(), tenant, { scopes: ['tenants:read', 'users:read'] });
    const readOnly = await new ModuleClient(t(), reader.clientId, reader.secret).construct();
    await assert.rejects(readOnly.call('POST', '/iroh/profile/org', { name: 'x' }), /403/);
    assert.deepEqual(readOnly.sent.slice(-1), ['POST /iroh/profile/org -> 403'], 'no retry after a 403');
  });

  test('a client whose secret is wrong cannot be constructed (the token request is not 2xx)', async () => {
    const tenant = await newTenant(t());
    const client = await ciscoClient(t(), tenant);
    await assert.rejects(new ModuleClient(t(), client.clientId, 'wrong').construct(), /raise_for_status/);
  });
});
