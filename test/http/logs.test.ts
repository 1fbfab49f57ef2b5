import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger } from '../../src/cli/logger.js';
import { forEachApp, type TestApp } from '../support/app.js';
import { signatureHeaders } from '../support/credentials.js';
import { as, newTenant, newUser } from '../support/fixtures.js';

/** Everything the app logs, as the production logger writes it. */
const logLines: string[] = [];
const logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });

/** Sends a request and answers its JSON body, asserting the status. */
async function call(t: TestApp, status: number, options: Parameters<TestApp['request']>[0]) {
  const res = await t.request(options);
  assert.equal(res.statusCode, status, res.body);
  return res.body === '' ? {} : res.json();
}

test('the logger redacts credential headers and secret-named fields, at the top and one level down', () => {
  const lines: string[] = [];
  const log = createLogger('trace', { write: (line: string) => void lines.push(line) });
  log.info({
    req: { headers: { authorization: 'Bearer S1', 'x-api-key': 'S2', 'x-profiled-signature': 'S3' } },
  });
  log.info({ password: 'S4', client_secret: 'S5', token: 'S6' }, 'top level');
  log.info({ body: { newPassword: 'S7', secretKey: 'S8', key: 'S9' } }, 'nested');
  const text = lines.join('');
  assert.equal(lines.length, 3);
  for (let i = 1; i <= 9; i += 1) assert.ok(!text.includes(`S${i}`), `S${i} is logged: ${text}`);
});

forEachApp(
  'logs hold no secret',
  (t) => {
    test('tokens, keys, client secrets, passwords and signatures never appear in the logs', async () => {
      const secrets: string[] = [];
      const keep = <T extends string>(secret: T): T => (secrets.push(secret), secret);
      const tenant = await newTenant(t());
      const headers = { 'target-tenant': tenant.code };

      const client = await call(t(), 201, {
        method: 'POST',
        url: '/v1/oauth-clients',
        headers,
        payload: { name: 'c' },
      });
      keep(client.clientSecret);
      const form = {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      };
      const token = keep(
        (await call(t(), 200, { method: 'POST', url: '/oauth2/token', payload: form })).access_token,
      );
      const basic = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
      keep(basic.slice(6));
      await call(t(), 200, {
        method: 'POST',
        url: '/oauth2/token',
        headers: { authorization: basic },
        payload: { grant_type: 'client_credentials' },
      });
      const wrong = { ...form, client_secret: keep('a-wrong-client-secret-0123456789') };
      await call(t(), 401, { method: 'POST', url: '/oauth2/token', payload: wrong });
      await call(t(), 200, {
        method: 'GET',
        url: '/v1/whoami',
        headers: { authorization: `Bearer ${token}` },
      });

      const apiKey = keep(
        (await call(t(), 201, { method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'k' } })).key,
      );
      await call(t(), 200, { method: 'GET', url: '/v1/whoami', headers: { 'x-api-key': apiKey } });
      await call(t(), 200, {
        method: 'GET',
        url: '/v1/whoami',
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const bogus = keep(`${apiKey.slice(0, 20)}${'x'.repeat(43)}`);
      await call(t(), 401, { method: 'GET', url: '/v1/whoami', headers: { 'x-api-key': bogus } });

      const access = await call(t(), 201, {
        method: 'POST',
        url: '/v1/access-keys',
        headers,
        payload: { name: 'a' },
      });
      const signed = signatureHeaders(
        { publicId: access.accessKey, secret: keep(access.secretKey) },
        { method: 'GET', url: '/v1/whoami' },
      );
      keep(signed['x-profiled-signature']!);
      await call(t(), 200, { method: 'GET', url: '/v1/whoami', headers: signed });

      const user = await newUser(t(), tenant);
      const first = keep('First-Password-1234');
      await as(t(), tenant, 'PUT', `/v1/users/${user.id}/password`, { password: first });
      const signIn = { tenant: tenant.code, username: user.username, password: first };
      const session = keep(
        (await call(t(), 201, { method: 'POST', url: '/v1/sessions', payload: signIn })).token,
      );
      await call(t(), 200, {
        method: 'PUT',
        url: '/v1/whoami/password',
        headers: { authorization: `Bearer ${session}` },
        payload: { currentPassword: first, newPassword: keep('Second-Password-5678') },
      });

      const text = logLines.join('');
      assert.match(text, /"msg":"incoming request"/, 'the requests were logged');
      const leaked = secrets.filter((secret) => text.includes(secret));
      assert.deepEqual(leaked, [], 'secrets found in the logs');
    });
  },
  { logger },
);

/** A public route answering whether the request logs through the app's own logger or a child of it. */
const probeRoute = (app: FastifyInstance) =>
  app.get(
    '/log-probe',
    {
      config: { public: true },
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              shared: { type: 'boolean' },
              bindings: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
    (request) => ({
      shared: request.log === app.log,
      bindings: (request.log as unknown as Logger).bindings(),
    }),
  );

for (const level of ['silent', 'info'] as const) {
  forEachApp(
    `request loggers at LOG_LEVEL=${level}`,
    (t) => {
      test(
        level === 'silent'
          ? 'a silent logger serves every request itself: no child logger is made per request'
          : 'a logging logger gives each request a child that carries its request id',
        async () => {
          const res = await t().request({
            method: 'GET',
            url: '/log-probe',
            headers: { 'x-request-id': 'probe-1' },
          });
          assert.equal(res.statusCode, 200, res.body);
          const { shared, bindings } = res.json<{ shared: boolean; bindings: Record<string, unknown> }>();
          assert.equal(shared, level === 'silent');
          assert.equal(bindings.requestId, level === 'silent' ? undefined : 'probe-1');
        },
      );
    },
    { logger: createLogger(level, { write: () => undefined }), extraRoutes: probeRoute },
  );
}
