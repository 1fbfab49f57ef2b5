/**
 * The baselines: minimal Fastify 5 servers in the benchmark's process, each on its own
 * ephemeral loopback port, driven by the same load generator over the same connections as the app.
 * What any HTTP service of this stack costs, and what one database read adds to it: the ratios of
 * the targets are to these.
 */
import type { AddressInfo } from 'node:net';
import SQLite from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { BenchDatabase } from './databases.js';
import { POOL_SIZE } from './databases.js';
import type { RequestSpec } from './load-protocol.js';
import type { Scenario } from './scenarios.js';
import type { Seeded } from './seed.js';

export interface BaselineServer {
  scenario: Scenario;
  close(): Promise<void>;
}

/** Serves `app` on an ephemeral loopback port, as a scenario (no target) of `requests`. */
async function serve(
  app: FastifyInstance,
  name: string,
  requests: RequestSpec[],
  release: () => Promise<void>,
): Promise<BaselineServer> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    scenario: { name, endpoint: { origin: `http://127.0.0.1:${port}`, headers: {} }, requests, target: null },
    close: async () => {
      await app.close();
      await release();
    },
  };
}

/** What the ratios are to: the scenarios' names of the baselines. */
export const baselineNames = {
  fastify: 'bare Fastify {"ok":true}',
  sqliteRead: 'bare Fastify + 1 SQLite read',
  pgRead: 'bare Fastify + 1 pg read (pool)',
} as const;

/** (a) A bare Fastify route answering {"ok":true}: the ratios' denominator. */
export async function bareFastify(): Promise<BaselineServer> {
  const app = Fastify({ logger: false });
  app.get('/ok', async () => ({ ok: true }));
  const requests: RequestSpec[] = [{ method: 'GET', path: '/ok', headers: {}, expect: [200] }];
  return serve(app, baselineNames.fastify, requests, async () => undefined);
}

/** How many users the read baselines rotate through (each load job carries its request list). */
const READS = 5000;

/** A user by primary key, over the seeded users the scenarios use too, spread over the tenants. */
function userReads(seeded: Seeded): RequestSpec[] {
  const ids = seeded.tenants.flatMap((t) => t.userIds.slice(0, 200));
  const step = Math.ceil(ids.length / READS);
  return ids
    .filter((_, i) => i % step === 0)
    .map((id) => ({ method: 'GET', path: `/users/${id}`, headers: {}, expect: [200] }));
}

/** (b) A bare Fastify route doing one prepared better-sqlite3 point read (read-only connection). */
export async function sqliteRead(bench: BenchDatabase, seeded: Seeded): Promise<BaselineServer> {
  const db = new SQLite(bench.url.slice('sqlite:'.length), { readonly: true });
  const byId = db.prepare('select * from users where id = ?');
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
    const row = byId.get(request.params.id);
    return row ?? reply.code(404).send({ missing: request.params.id });
  });
  return serve(app, baselineNames.sqliteRead, userReads(seeded), async () => void db.close());
}

/** (c) A bare Fastify route doing one pg point read over a pg.Pool of the app's size. */
export async function pgRead(bench: BenchDatabase, seeded: Seeded): Promise<BaselineServer> {
  const pool = new pg.Pool({ connectionString: bench.url, max: POOL_SIZE });
  pool.on('error', () => undefined);
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
    const { rows } = await pool.query('select * from users where id = $1', [request.params.id]);
    return rows[0] ?? reply.code(404).send({ missing: request.params.id });
  });
  return serve(app, baselineNames.pgRead, userReads(seeded), () => pool.end());
}
