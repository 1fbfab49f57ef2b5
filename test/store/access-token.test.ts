import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { generateKeyPair, SignJWT } from 'jose';
import { issueAccessToken, verifyAccessToken, type AccessTokenClaims } from '../../src/auth/access-token.js';
import { createSealer } from '../../src/auth/seal.js';
import { SigningKeys } from '../../src/auth/signing-keys.js';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const issuer = 'http://profiled.test';
const ttlSeconds = 600;
const claims: AccessTokenClaims = {
  credentialId: 'cred-1',
  subject: 'pc_client',
  tenantId: 'tenant-1',
  scopes: ['profiles:read', 'access:check'],
};
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const kind of testDatabaseKinds()) {
  void describe(`access tokens [${kind}]`, () => {
    let database: TestDatabase;
    const masterKey = randomBytes(32);
    // Two processes over one database: each with its own key cache.
    let keys: SigningKeys;
    let otherProcess: SigningKeys;
    const newKeys = () => new SigningKeys(database.db, createSealer(masterKey), ttlSeconds * 1000, Date.now);
    const issue = (now = Date.now(), with_: SigningKeys = keys) =>
      issueAccessToken(with_, { issuer, ttlSeconds }, claims, now);

    before(async () => {
      database = await openTestDatabase(kind);
      keys = newKeys();
      otherProcess = newKeys();
    });
    after(() => database.close());

    test('a token verifies, in this process and in another one over the database', async () => {
      const { token, expiresAt } = await issue();
      for (const verifier of [keys, otherProcess]) {
        assert.deepEqual(await verifyAccessToken(verifier, issuer, token, Date.now()), {
          ...claims,
          expiresAt,
        });
      }
    });

    test('expiry is exclusive, to the second', async () => {
      const { token, expiresAt } = await issue();
      assert.ok(await verifyAccessToken(keys, issuer, token, expiresAt - 1));
      assert.equal(await verifyAccessToken(keys, issuer, token, expiresAt), undefined);
    });

    test('another issuer or audience is refused', async () => {
      const { token } = await issue();
      assert.equal(await verifyAccessToken(keys, 'http://elsewhere', token, Date.now()), undefined);
    });

    test('a changed payload, header or signature is refused', async () => {
      const { token } = await issue();
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claimsOf = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const widened = base64url({ ...claimsOf, scope: 'credentials:write' });
      const headerOf = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
      const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
      for (const forged of [
        `${header}.${widened}.${signature}`,
        `${base64url({ ...headerOf, typ: 'JWT' })}.${payload}.${signature}`,
        `${header}.${payload}.${flipped}`,
        `${header}.${payload}.${signature.slice(0, -2)}`,
        `${header}.${payload}.`,
        `${header}.${payload}`,
      ]) {
        assert.equal(await verifyAccessToken(keys, issuer, forged, Date.now()), undefined, forged);
      }
    });

    test('unsigned, HMAC-signed and unknown-key tokens are refused', async () => {
      const { token } = await issue();
      const [header, payload] = token.split('.') as [string, string];
      const kid = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string }).kid;
      const none = `${base64url({ alg: 'none', typ: 'at+jwt', kid })}.${payload}.`;
      const hmac = await new SignJWT(JSON.parse(Buffer.from(payload, 'base64url').toString()) as never)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .sign(randomBytes(32));
      const stranger = await generateKeyPair('ES256');
      const foreign = await new SignJWT(JSON.parse(Buffer.from(payload, 'base64url').toString()) as never)
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
        .sign(stranger.privateKey);
      const unknownKid = await new SignJWT(JSON.parse(Buffer.from(payload, 'base64url').toString()) as never)
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'not-a-key' })
        .sign(stranger.privateKey);
      for (const forged of [none, hmac, foreign, unknownKid]) {
        assert.equal(await verifyAccessToken(keys, issuer, forged, Date.now()), undefined, forged);
      }
    });

    test('a header with a critical extension is refused', async () => {
      const { kid, key } = await keys.current();
      const token = await new SignJWT({ cid: 'c', tid: 't', scope: '' })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, crit: ['exp-ext'], 'exp-ext': true })
        .setIssuer(issuer)
        .setAudience(issuer)
        .setSubject('s')
        .setExpirationTime('5m')
        .sign(key, { crit: { 'exp-ext': true } });
      assert.equal(await verifyAccessToken(keys, issuer, token, Date.now()), undefined);
    });

    test('after a rotation, tokens of the old key and of the new one verify in both processes', async () => {
      const before = await issue();
      // Both processes have the old key cached; the rotation happens in one of them.
      await verifyAccessToken(otherProcess, issuer, before.token, Date.now());
      await keys.rotate();
      const afterRotation = await issue();
      assert.notEqual(before.token.split('.')[0], afterRotation.token.split('.')[0]);
      for (const verifier of [keys, otherProcess, newKeys()]) {
        assert.ok(await verifyAccessToken(verifier, issuer, before.token, Date.now()));
        assert.ok(await verifyAccessToken(verifier, issuer, afterRotation.token, Date.now()));
      }
    });
  });
}
