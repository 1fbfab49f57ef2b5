/**
 * The performance benchmark (npm run bench [-- --scale 100k,1m,10m]): for each scale, seeds an
 * installation on SQLite and, when reachable, PostgreSQL, serves it over real HTTP next to
 * minimal baseline servers, and reports each scenario as a ratio to bare Fastify measured in the
 * same run, with the targets of issue #11. See bench/README.md.
 */
import { writeFileSync } from 'node:fs';
import type { CoreContext } from '../src/core/context.js';
import { bareFastify, pgRead, sqliteRead, type BaselineServer } from './baselines.js';
import { bulkAssigns } from './bulk.js';
import { coldStarts } from './cold-start.js';
import { ensureBuilt } from './serve-process.js';
import {
  loadBenchConfig,
  scales,
  selected,
  type BenchConfig,
  type BenchDatabaseKind,
  type ScaleName,
} from './config.js';
import { openPostgres, openSqlite, type BenchDatabase } from './databases.js';
import { checkPlans } from './explain.js';
import type { LoadResult, RequestSpec } from './load-protocol.js';
import { LoadGenerator, pool } from './load.js';
import { printPlans, printTable } from './report.js';
import { chartSvg } from './chart.js';
import {
  machine,
  resultPath,
  SCALE_RULE,
  scaleRule,
  writeResult,
  type DatabaseResult,
  type ScaleResult,
} from './results.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import { seed } from './seed.js';
import { send, startServer } from './server.js';
import { judge, type ResultRow } from './targets.js';
import { summarize } from './summary.js';
import { Teardown } from './teardown.js';

const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
};

/** Pause before each slice's window, unmeasured: the new connections open and the queue settles. */
const SETTLE_MS = 100;
/**
 * A slow scenario (answers slower than the slice) settles longer, until its closed loop is full,
 * and is measured for at least as long: twice its p99 so far, at most this.
 */
const SLOW_SETTLE_MS = 5000;

/** The p99 of a slice's answers, or Infinity when none came. */
const p99Of = (r: LoadResult) => (r.completed > 0 ? pool([r]).p99Ms : Infinity);

/**
 * Measures every scenario in rounds: a warm-up pass, then `rounds` times each scenario (the
 * baselines first) for its share of the measured seconds. Interleaving spreads the machine's
 * changing load over the baselines and the scenarios alike, so their ratios stay meaningful.
 */
async function measure(load: LoadGenerator, scenarios: Scenario[], config: BenchConfig) {
  const slices = new Map<Scenario, LoadResult[]>(scenarios.map((s) => [s, []]));
  /** Per scenario, the slowest p99 seen (the warm-up's included). */
  const slowest = new Map<Scenario, number>();
  for (const s of scenarios) {
    progress(`  warming up ${s.name} ...`);
    // Warm-up answers are not counted, but their errors are (the slice holds them, empty).
    const warm = await load.run(s.endpoint, s.requests, 0, config.warmupSeconds * 1000);
    slowest.set(s, p99Of(warm));
    slices.get(s)?.push({ ...warm, completed: 0, latenciesMs: new Float64Array(0), measuredMs: 0 });
  }
  const sliceMs = (config.seconds * 1000) / config.rounds;
  for (let round = 1; round <= config.rounds; round += 1) {
    for (const s of scenarios) {
      progress(`  round ${round}/${config.rounds}: ${s.name} ...`);
      const settle = Math.min(SLOW_SETTLE_MS, Math.max(SETTLE_MS, 2 * (slowest.get(s) ?? 0)));
      const window = settle > SETTLE_MS ? Math.max(sliceMs, settle) : sliceMs;
      const slice = await load.run(s.endpoint, s.requests, settle, window);
      slowest.set(s, Math.max(slowest.get(s) ?? 0, p99Of(slice)));
      slices.get(s)?.push(slice);
    }
  }
  progress('');
  return slices;
}

async function benchOne(
  bench: BenchDatabase,
  label: DatabaseResult['database'],
  scale: ScaleName,
  load: LoadGenerator,
  config: BenchConfig,
  teardown: Teardown,
): Promise<DatabaseResult> {
  console.log(`\n=== ${label} at ${scale}: ${bench.description}`);
  const ctx: CoreContext = {
    db: bench.database.db,
    now: Date.now,
    actor: 'bench',
    origin: { source: 'bench', credentialId: null, userId: null, requestId: null },
  };
  const seeded = await seed(ctx, bench, scales[scale]);
  const c = seeded.counts;
  console.log(
    `seeded ${c.tenants} tenants, ${c.users} users, ${c.profiles} profiles (${c.grants} capability grants), ` +
      `${c.assignments} assignments in ${(seeded.millis / 1000).toFixed(1)} s (tenants and profiles ` +
      `${(seeded.phases.services / 1000).toFixed(1)} s, rows ${(seeded.phases.rows / 1000).toFixed(1)} s, ` +
      `indexes ${(seeded.phases.indexes / 1000).toFixed(1)} s)`,
  );
  const scanWarnings = printPlans(await checkPlans(bench.database, seeded));

  const server = await startServer(bench.url, config.workers);
  const held = [teardown.add(() => server.close())];
  const baseline = async (start: Promise<BaselineServer>) => {
    const b = await start;
    held.push(teardown.add(() => b.close()));
    return b.scenario;
  };
  try {
    const fastify = await baseline(bareFastify());
    const read = await baseline(bench.kind === 'sqlite' ? sqliteRead(bench, seeded) : pgRead(bench, seeded));
    const scenarios = (await buildScenarios(seeded, server, bench.kind)).filter((s) =>
      selected(config, s.name),
    );
    const all = [fastify, read, ...scenarios];
    // A scenario whose requests fail would measure error pages: check one of each first.
    for (const s of all) await send(s.endpoint, s.requests[0] as RequestSpec);
    const slices = await measure(load, all, config);
    const measured = new Map(all.map((s) => [s, pool(slices.get(s) ?? [])]));
    const rps = (s: Scenario) => measured.get(s)?.requestsPerSecond ?? NaN;
    const rows: ResultRow[] = all.map((s) => {
      const m = measured.get(s);
      return judge(
        {
          name: s.name,
          kind: 'load',
          ...(s === fastify || s === read ? { baseline: true } : {}),
          ...(s.inTable && { inTable: true }),
          rps: m?.requestsPerSecond,
          p50Ms: m?.p50Ms,
          p99Ms: m?.p99Ms,
          ratio: rps(s) / rps(fastify),
          ...(bench.kind === 'postgres' && { pgRatio: rps(s) / rps(read) }),
          errors: m?.errors,
          errorSamples: m?.errorSamples,
        },
        s.target,
      );
    });
    if (selected(config, 'bulk assign')) {
      progress('  bulk assigns ...');
      rows.push(...(await bulkAssigns(server, bench.database, seeded, bench.kind)));
    }
    if (selected(config, 'cold start') || selected(config, 'idle RSS')) {
      progress('  cold starts ...');
      rows.push(...(await coldStarts(bench.kind, bench.url, server.masterKey, config.postgresUrl)));
    }
    progress('');
    const baselinePerRound = (slices.get(fastify) ?? [])
      .filter((r) => r.measuredMs > 0)
      .map((r) => (r.completed * 1000) / r.measuredMs);
    printTable(`Results on ${label} at ${scale}`, rows, baselinePerRound);
    return {
      database: label,
      description: bench.description,
      seeding: { ms: seeded.millis, phasesMs: seeded.phases, counts: c },
      rows,
      baselinePerRound,
      scanWarnings,
    };
  } finally {
    for (const release of held.reverse()) await release();
  }
}

async function open(kind: BenchDatabaseKind, config: BenchConfig, skipped: string[]) {
  if (kind === 'sqlite') return openSqlite();
  const opened = await openPostgres(config.postgresUrl);
  if (!('skipped' in opened)) return opened;
  const banner = '#'.repeat(78);
  console.error(
    `\n${banner}\n# POSTGRESQL SKIPPED: ${opened.skipped}\n# PostgreSQL was not measured.\n${banner}`,
  );
  skipped.push(`PostgreSQL skipped (${opened.skipped})`);
  return undefined;
}

async function main(): Promise<number> {
  const config = loadBenchConfig(process.env, process.argv.slice(2));
  const m = machine();
  console.log(
    `profiled benchmark at ${config.scales.join(', ')}: ${config.seconds} s per scenario in ${config.rounds} rounds ` +
      `after ${config.warmupSeconds} s warm-up, ${config.connections} connections, Node ${m.node}, ${m.cpus} CPUs, ` +
      `the service in ${config.workers} worker process${config.workers === 1 ? '' : 'es'} (BENCH_WORKERS). ` +
      'Throughput is a ratio to bare Fastify measured in the same run.',
  );
  ensureBuilt();
  const load = new LoadGenerator(config.connections);
  const teardown = new Teardown();
  const stopLoad = teardown.add(() => load.close());
  // Ctrl-C stops the load, closes the servers, then removes the scratch database, and exits 130.
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('\ninterrupted: stopping the load, closing the servers, removing the scratch database');
    void stopLoad()
      .then(() => teardown.releaseAll())
      .finally(() => process.exit(130));
  });
  const results: ScaleResult[] = [];
  let lastPath: string | undefined;
  try {
    for (const scale of config.scales) {
      const result: ScaleResult = {
        scale,
        assignments: scales[scale],
        startedAt: new Date().toISOString(),
        machine: m,
        settings: {
          seconds: config.seconds,
          rounds: config.rounds,
          warmupSeconds: config.warmupSeconds,
          connections: config.connections,
          workers: config.workers,
        },
        databases: [],
        skipped: [],
      };
      for (const kind of config.databases) {
        if (interrupted) break;
        if (kind === 'postgres' && scales[scale] > config.postgresMaxAssignments) {
          const why =
            `PostgreSQL not seeded at ${scale}: above BENCH_POSTGRES_MAX_ASSIGNMENTS ` +
            `(${config.postgresMaxAssignments.toLocaleString('en-US')}), as seeding it takes too long here`;
          console.log(`\n=== ${why}`);
          result.skipped.push(why);
          continue;
        }
        const opened = await teardown.open(open(kind, config, result.skipped), (bench) => bench.dispose());
        if (!opened) continue;
        try {
          const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
          result.databases.push(await benchOne(opened.value, label, scale, load, config, teardown));
        } finally {
          await opened.release();
        }
      }
      results.push(result);
      const rule = scaleRule(results);
      if (rule) {
        result.scaleRule = rule;
        printTable(
          `Scale rule: p99 at ${scale} over p99 at ${results[0]?.scale} (target ≤ ${SCALE_RULE}×)`,
          rule,
          [],
        );
      }
      const path = resultPath(config.out, results[0]?.startedAt ?? result.startedAt, scale);
      await writeResult(path, result);
      lastPath = path;
      console.log(`\nresults: ${path}`);
    }
    if (lastPath && results.length > 0) {
      const chart = lastPath.replace(/-[^-]+\.json$/, '.svg');
      writeFileSync(chart, chartSvg(results));
      console.log(`chart: ${chart} (npm run bench:chart draws one from any result files)`);
    }
  } finally {
    await teardown.releaseAll();
  }
  const summary = summarize(results, config.strict);
  console.log(summary.text);
  return summary.exitCode;
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
