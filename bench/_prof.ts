import { openSqlite } from './databases.js';
import { seed } from './seed.js';
import { startServer } from './server.js';
import { bareFastify } from './baselines.js';
import { buildScenarios } from './scenarios.js';
import { LoadGenerator } from './load.js';
import type { CoreContext } from '../src/core/context.js';
const bench = await openSqlite();
const ctx: CoreContext = { db: bench.database.db, now: Date.now, actor: 'bench', origin: { source: 'bench', credentialId: null, userId: null, requestId: null } };
const seeded = await seed(ctx, bench, 20_000);
const server = await startServer(ctx, bench.database, seeded.root);
const fastify = (await bareFastify()).scenario;
const scenarios = await buildScenarios(seeded, server, 'sqlite');
{
  const Fastify = (await import('fastify')).default;
  const app = Fastify({ logger: false });
  app.post('/check', { schema: { body: { type: 'object', properties: { user: { type: 'string' }, capability: { type: 'string' }, level: { type: 'string' }, tenant: { type: 'string' } }, required: ['user'], additionalProperties: false }, response: { 200: { type: 'object', properties: { allowed: { type: 'boolean' }, userId: { type: 'string' }, tenantId: { type: 'string' }, at: { type: 'string' }, grantedBy: { type: 'array', items: { type: 'object', additionalProperties: true } } } } } } }, async (req: any) => ({ allowed: true, userId: req.body.user, tenantId: 'x'.repeat(36), at: new Date().toISOString(), grantedBy: [] }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as any).port;
  const check = scenarios.find((s) => s.name === 'POST /v1/access/check')!;
  scenarios.push({ ...check, name: 'bare POST', endpoint: { origin: `http://127.0.0.1:${port}`, headers: {} }, requests: check.requests.map((r) => ({ ...r, path: '/check', headers: {} })) } as any);
}
const want = (process.env.ONLY ?? 'POST /v1/access/check').split('|');
const load = new LoadGenerator(50);
if (process.env.SHOW) for (const sc of scenarios.filter((s) => want.includes(s.name))) { const r0 = sc.requests[0]!; const res = await fetch(sc.endpoint.origin + r0.path, { method: r0.method, headers: { ...sc.endpoint.headers, ...r0.headers, ...(r0.body ? { 'content-type': 'application/json' } : {}) }, body: r0.body }); console.log(sc.name, res.status, [...res.headers].map(([k, v]) => k + ': ' + v).join('\n'), '\n', await res.text()); }
if (process.env.SHOW) process.exit(0);
const secs = Number(process.env.SECS ?? 4);
const best = new Map<string, number>();
const ROUNDS = Number(process.env.ROUNDS ?? 2);
for (let r = 0; r < ROUNDS; r++) {
  if (r === 1 && process.env.PROFILE) { const { Session } = await import('node:inspector/promises'); const ses = new Session(); ses.connect(); await ses.post('Profiler.enable'); await ses.post('Profiler.setSamplingInterval', { interval: 50 }); await ses.post('Profiler.start'); (globalThis as any).__ses = ses; }
  for (const s of [...(process.env.NOBASE ? [] : [fastify]), ...scenarios.filter((s) => want.includes(s.name))]) {
    const c0 = process.cpuUsage();
    const res = await load.run(s.endpoint, s.requests, 0, secs * 1000);
    const c = process.cpuUsage(c0);
    best.set(s.name, Math.min(best.get(s.name) ?? 1e9, (c.user + c.system) / res.completed));
    if (!process.env.QUIET) console.log(r, s.name, Math.round((res.completed * 1000) / res.measuredMs), 'rps', res.errors, 'errors', ((c.user + c.system) / res.completed).toFixed(1), 'us cpu/req', (c.system/res.completed).toFixed(1), 'sys');
  }
}
for (const [k, v] of best) console.log('best', k, v.toFixed(1), 'us/req');
if (process.env.PROFILE) { const { profile } = await (globalThis as any).__ses.post('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.PROFILE, JSON.stringify(profile)); }
await load.close();
process.exit(0);
