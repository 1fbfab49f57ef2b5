import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Entry } from 'ldapts';

/**
 * A real OpenLDAP server for the directory tests: its own slapd, config and port, seeded from
 * test/fixtures/directory/seed.ldif with slapadd (which gives every entry its entryUUID).
 * scripts/test.mjs says loudly when slapd is missing, and fails under CI.
 */
export const SLAPD = process.env.PROFILED_TEST_SLAPD ?? '/usr/sbin/slapd';
export const slapdMissing = existsSync(SLAPD) ? false : `slapd is not installed at ${SLAPD}`;

export const BASE_DN = 'dc=example,dc=org';
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const ADMIN_PASSWORD = 'admin-secret';
/** The account profiled binds as: it may read everything and write outside ou=locked. */
export const SERVICE_DN = `cn=profiled,ou=services,${BASE_DN}`;
export const SERVICE_PASSWORD = 'service-secret';
export const peopleDn = (uid: string) => `uid=${uid},ou=people,${BASE_DN}`;
export const groupDn = (cn: string) => `cn=${cn},ou=groups,${BASE_DN}`;

const SCHEMAS = ['core', 'cosine', 'inetorgperson', 'nis'];

function config(dir: string, tls: boolean) {
  return [
    ...SCHEMAS.map((schema) => `include /etc/ldap/schema/${schema}.schema`),
    ...(tls
      ? [`TLSCertificateFile ${join(dir, 'cert.pem')}`, `TLSCertificateKeyFile ${join(dir, 'key.pem')}`]
      : []),
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${join(dir, 'slapd.pid')}`,
    'database mdb',
    `suffix "${BASE_DN}"`,
    `rootdn "${ADMIN_DN}"`,
    `rootpw ${ADMIN_PASSWORD}`,
    `directory ${join(dir, 'data')}`,
    'maxsize 104857600',
    'access to attrs=userPassword by anonymous auth by * none',
    `access to dn.subtree="ou=locked,${BASE_DN}" by * read`,
    'access to * by users write by * read',
    '',
  ].join('\n');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this server only. */
function makeCertificate(dir: string): string {
  const args = [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ];
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return readFileSync(join(dir, 'cert.pem'), 'utf8');
}

export interface TestDirectory {
  url: string;
  /** With `tls`: the ldaps:// URL, and the certificate the server presents (its own CA). */
  ldapsUrl: string | undefined;
  certificate: string | undefined;
  /** A client bound as the directory's administrator, for tests to change and read entries. */
  admin(): Promise<Client>;
  search(dn: string): Promise<Entry>;
  stop(): Promise<void>;
}

/** Starts a seeded slapd on a free port of 127.0.0.1; stop() ends it and removes its files. */
export async function startDirectory(options: { tls?: boolean } = {}): Promise<TestDirectory> {
  const tls = options.tls === true;
  const dir = mkdtempSync(join(tmpdir(), 'profiled-slapd-'));
  mkdirSync(join(dir, 'data'));
  const certificate = tls ? makeCertificate(dir) : undefined;
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, config(dir, tls));
  const seed = new URL('../fixtures/directory/seed.ldif', import.meta.url).pathname;
  const loaded = spawnSync(SLAPD.replace(/slapd$/, 'slapadd'), ['-f', conf, '-l', seed], {
    encoding: 'utf8',
  });
  if (loaded.status !== 0) throw new Error(`slapadd failed: ${loaded.stderr}`);

  const url = `ldap://127.0.0.1:${await freePort()}`;
  const ldapsUrl = tls ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  const listen = [url, ...(ldapsUrl ? [ldapsUrl] : [])].map((u) => `${u}/`).join(' ');
  // -d 0: stay in the foreground (the test owns the process) and log nothing.
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', listen, '-d', '0'], { stdio: 'ignore' });
  const admin = async () => {
    const client = new Client({ url, connectTimeout: 2000, timeout: 5000 });
    await client.bind(ADMIN_DN, ADMIN_PASSWORD);
    return client;
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await (await admin()).unbind();
      break;
    } catch (error) {
      if (attempt > 100 || child.exitCode !== null) throw new Error(`slapd did not start: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    ldapsUrl,
    certificate,
    admin,
    async search(dn) {
      const client = await admin();
      try {
        const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['*', 'entryUUID'] });
        return searchEntries[0]!;
      } finally {
        await client.unbind();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
