// BENCH_STRICT=1 is CI's gate on the benchmark: a missed target, an erring row or a missed scale
// rule makes the run exit 1; without it the run reports the same and exits 0.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadBenchConfig } from '../../bench/config.js';
import { scaleRule, type DatabaseResult, type ScaleResult } from '../../bench/results.js';
import { summarize } from '../../bench/summary.js';
import { judge, type ResultRow, type Target } from '../../bench/targets.js';

const accessCheckTarget: Target = { kind: 'ratio', of: 'fastify', min: 0.5, maxP99Ms: 10 };

/** A row of the access check measured at `ratio` of bare Fastify with this p99. */
const accessCheck = (ratio: number, p99Ms: number) =>
  judge(
    { name: 'POST /v1/access/check', kind: 'load', inTable: true, rps: 10_000 * ratio, p99Ms, ratio },
    accessCheckTarget,
  );

function scaleResult(scale: ScaleResult['scale'], rows: ResultRow[]): ScaleResult {
  const database: DatabaseResult = {
    database: 'SQLite',
    description: 'test',
    seeding: {
      ms: 1000,
      phasesMs: { services: 0, rows: 0, indexes: 0 },
      counts: { tenants: 1, users: 1, profiles: 1, grants: 1, assignments: 1 },
    },
    rows,
    baselinePerRound: [10_000],
    scanWarnings: [],
  };
  return {
    scale,
    assignments: 0,
    startedAt: '2026-12-01T00:00:00.000Z',
    machine: { cpus: 2, cpuModel: 'test', memoryGb: 1, node: process.version },
    settings: { seconds: 3, rounds: 3, warmupSeconds: 0.5, connections: 50, workers: 1 },
    databases: [database],
    skipped: [],
  };
}

describe('BENCH_STRICT', () => {
  test('is read from the environment', () => {
    assert.equal(loadBenchConfig({ BENCH_STRICT: '1' }, []).strict, true);
    assert.equal(loadBenchConfig({}, []).strict, false);
  });

  test('a target met passes, a ratio or a p99 beyond it misses, unexpected answers err', () => {
    assert.equal(accessCheck(0.6, 8).outcome, 'PASS');
    assert.match(accessCheck(0.4, 8).why, /throughput 0\.400× < 0\.5×/);
    assert.match(accessCheck(0.6, 12).why, /p99 12\.0 ms > 10 ms/);
    const failing = judge(
      { name: 'POST /v1/access/check', kind: 'load', rps: 9000, ratio: 0.9, p99Ms: 1, errors: 3 },
      accessCheckTarget,
    );
    assert.equal(failing.outcome, 'ERR');
  });

  test('a run with every target met exits 0, strict or not', () => {
    const results = [scaleResult('100k', [accessCheck(0.6, 8)])];
    assert.equal(summarize(results, true).exitCode, 0);
    assert.equal(summarize(results, false).exitCode, 0);
  });

  test('a missed target fails a strict run, and is reported by any run', () => {
    const results = [scaleResult('100k', [accessCheck(0.6, 8), accessCheck(0.4, 8)])];
    const strict = summarize(results, true);
    assert.equal(strict.exitCode, 1);
    assert.match(strict.text, /MISS SQLite 100k: POST \/v1\/access\/check: throughput 0\.400×/);
    const lenient = summarize(results, false);
    assert.equal(lenient.exitCode, 0);
    assert.match(
      lenient.text,
      /1 targets met, 1 missed or erred\. \(BENCH_STRICT=1 makes a miss fail the run\.\)/,
    );
  });

  test('a p99 at the largest scale beyond 1.5× the smallest one fails a strict run', () => {
    const small = scaleResult('100k', [accessCheck(0.6, 4)]);
    const large = scaleResult('10m', [accessCheck(0.6, 7)]);
    large.scaleRule = scaleRule([small, large]);
    assert.equal(large.scaleRule?.[0]?.outcome, 'MISS', '7 ms is 1.75× 4 ms');
    assert.equal(summarize([small, large], true).exitCode, 1);
    large.databases[0]!.rows = [accessCheck(0.6, 5)];
    large.scaleRule = scaleRule([small, large]);
    assert.equal(summarize([small, large], true).exitCode, 0, '5 ms is 1.25× 4 ms');
  });
});
