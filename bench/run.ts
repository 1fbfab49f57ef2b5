/**
 * The performance benchmark (npm run bench): seeds a realistic installation on SQLite and, when
 * reachable, PostgreSQL, serves it over real HTTP, and reports each scenario as a ratio to the
 * /healthz baseline measured in the same run. See bench/README.md.
 */
import { cpus } from 'node:os';
import type { CoreContext } from '../src/core/context.js';
import { loadBenchConfig, type BenchConfig } from './config.js';
import { openPostgres, openSqlite, type BenchDatabase } from './databases.js';
import { checkPlans } from './explain.js';
import type { Endpoint, LoadResult, RequestSpec } from './load-protocol.js';
import { LoadGenerator, pool } from './load.js';
import { printPlans, printTable, type Outcome, type ScenarioResult } from './report.js';
import { baseline, buildScenarios, type Scenario } from './scenarios.js';
import { seed } from './seed.js';
import { send, startServer } from './server.js';
import { Teardown } from './teardown.js';

interface Findings {
  outcomes: { database: string; name: string; outcome: Outcome; why: string }[];
  scanWarnings: string[];
  skipped: string[];
}

const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
};

/** Pause between slices, unmeasured: the new connections open and the queue settles. */
const SETTLE_MS = 100;

/**
 * Measures every scenario in rounds: a warm-up pass, then `rounds` times each scenario (the
 * baseline first) for its share of the measured seconds. Interleaving spreads the machine's
 * changing load over the baseline and the scenarios alike, so their ratios stay meaningful.
 */
async function measure(load: LoadGenerator, endpoint: Endpoint, scenarios: Scenario[], config: BenchConfig) {
  const slices = new Map<Scenario, LoadResult[]>(scenarios.map((s) => [s, []]));
  for (const s of scenarios) {
    progress(`  warming up ${s.name} ...`);
    // Warm-up answers are not timed, but their errors count.
    slices.get(s)?.push(await load.run(endpoint, s.requests, config.warmupSeconds * 1000, 0));
  }
  const sliceMs = (config.seconds * 1000) / config.rounds;
  for (let round = 1; round <= config.rounds; round += 1) {
    for (const s of scenarios) {
      progress(`  round ${round}/${config.rounds}: ${s.name} ...`);
      slices.get(s)?.push(await load.run(endpoint, s.requests, SETTLE_MS, sliceMs));
    }
  }
  progress('');
  return slices;
}

async function benchOne(
  bench: BenchDatabase,
  label: string,
  load: LoadGenerator,
  config: BenchConfig,
  findings: Findings,
  teardown: Teardown,
): Promise<void> {
  console.log(`\n=== ${bench.description}`);
  const ctx: CoreContext = {
    db: bench.database.db,
    now: Date.now,
    actor: 'bench',
    origin: { source: 'bench', credentialId: null, userId: null, requestId: null },
  };
  const seeded = await seed(ctx);
  const c = seeded.counts;
  console.log(
    `seeded ${c.tenants} tenants, ${c.users} users, ${c.profiles} profiles (${c.grants} capability grants), ` +
      `${c.assignments} assignments in ${(seeded.millis / 1000).toFixed(1)} s`,
  );
  findings.scanWarnings.push(
    ...printPlans(await checkPlans(bench.database, seeded)).map((w) => `${label}: ${w}`),
  );

  const server = await startServer(ctx, bench.database, seeded.root);
  const closeServer = teardown.add(() => server.close());
  try {
    const scenarios = await buildScenarios(seeded, server);
    // A scenario whose requests fail would measure error pages: check one of each first.
    for (const s of [baseline, ...scenarios]) await send(server, s.requests[0] as RequestSpec);
    const slices = await measure(load, server, [baseline, ...scenarios], config);
    const result = (s: Scenario): ScenarioResult => ({
      name: s.name,
      measurement: pool(slices.get(s) ?? []),
      target: s.target,
    });
    const perRound = (slices.get(baseline) ?? [])
      .filter((r) => r.measuredMs > 0)
      .map((r) => (r.completed * 1000) / r.measuredMs);
    const outcomes = printTable(`Results on ${label}`, result(baseline), perRound, scenarios.map(result));
    findings.outcomes.push(...outcomes.map((o) => ({ database: label, ...o })));
  } finally {
    await closeServer();
  }
}

async function open(kind: BenchConfig['databases'][number], config: BenchConfig, findings: Findings) {
  if (kind === 'sqlite') return openSqlite();
  const opened = await openPostgres(config.postgresUrl);
  if (!('skipped' in opened)) return opened;
  const banner = '#'.repeat(78);
  console.error(
    `\n${banner}\n# POSTGRESQL SKIPPED: ${opened.skipped}\n# PostgreSQL was not measured.\n${banner}`,
  );
  findings.skipped.push(`PostgreSQL skipped (${opened.skipped})`);
  return undefined;
}

function summarize(findings: Findings, config: BenchConfig): number {
  const misses = findings.outcomes.filter((o) => o.outcome === 'MISS' || o.outcome === 'ERR');
  const out = ['\nSummary'];
  for (const m of misses) out.push(`  ${m.outcome} ${m.database}: ${m.name}: ${m.why}`);
  for (const w of findings.scanWarnings) out.push(`  ${w}`);
  for (const s of findings.skipped) out.push(`  ${s}`);
  const passed = findings.outcomes.filter((o) => o.outcome === 'PASS').length;
  out.push(
    `  ${passed} targets met, ${misses.length} missed, ${findings.scanWarnings.length} full-scan warnings.` +
      (misses.length > 0 && !config.strict ? ' (BENCH_STRICT=1 makes a miss fail the run.)' : ''),
  );
  console.log(out.join('\n'));
  return config.strict && misses.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const config = loadBenchConfig(process.env);
  console.log(
    `profiled benchmark: ${config.seconds} s per scenario in ${config.rounds} rounds after ${config.warmupSeconds} s warm-up, ` +
      `${config.connections} connections, Node ${process.version}, ${cpus().length} CPUs. ` +
      'Figures are ratios to GET /healthz measured in the same run.',
  );
  const findings: Findings = { outcomes: [], scanWarnings: [], skipped: [] };
  const load = new LoadGenerator(config.connections);
  const teardown = new Teardown();
  const stopLoad = teardown.add(() => load.close());
  // Ctrl-C stops the load, closes the server, then removes the scratch database, and exits 130.
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('\ninterrupted: stopping the load, closing the server, removing the scratch database');
    void stopLoad()
      .then(() => teardown.releaseAll())
      .finally(() => process.exit(130));
  });
  try {
    for (const kind of config.databases) {
      if (interrupted) break;
      const opened = await teardown.open(open(kind, config, findings), (bench) => bench.dispose());
      if (!opened) continue;
      try {
        const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        await benchOne(opened.value, label, load, config, findings, teardown);
      } finally {
        await opened.release();
      }
    }
  } finally {
    await teardown.releaseAll();
  }
  return summarize(findings, config);
}

/** Set by Ctrl-C: the SIGINT handler then owns the exit (130), whatever the run was doing. */
let interrupted = false;

main().then(
  (code) => {
    if (!interrupted) process.exit(code);
  },
  (error: unknown) => {
    if (interrupted) return;
    console.error('benchmark failed:', error);
    process.exit(1);
  },
);
