/**
 * The results of a run as JSON: one file a scale (both databases), read back by bench/chart.ts.
 * Written to bench/results/<date>-<scale>.json, or where BENCH_OUT says: a directory, or a file
 * name in which `{scale}` stands for the scale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { BenchConfig, ScaleName } from './config.js';
import { fixed, type ResultRow } from './targets.js';

export interface DatabaseResult {
  database: 'SQLite' | 'PostgreSQL';
  description: string;
  seeding: {
    ms: number;
    phasesMs: { services: number; rows: number; indexes: number };
    counts: { tenants: number; users: number; profiles: number; grants: number; assignments: number };
  };
  rows: ResultRow[];
  /** Bare Fastify's requests a second in each round: the machine's noise. */
  baselinePerRound: number[];
  scanWarnings: string[];
}

export interface ScaleResult {
  scale: ScaleName;
  assignments: number;
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  settings: Pick<BenchConfig, 'seconds' | 'rounds' | 'warmupSeconds' | 'connections'> & {
    /** Absent in results written before the service had workers: one process. */
    workers?: number;
  };
  databases: DatabaseResult[];
  /** Databases not measured at this scale, and why. */
  skipped: string[];
  /** The scale rule's rows (p99 at this scale over the smallest's), when several scales ran. */
  scaleRule?: ResultRow[];
}

export const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

export function machine(): ScaleResult['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** The file a scale's results go to. */
export function resultPath(out: string | undefined, startedAt: string, scale: ScaleName): string {
  const stamp = startedAt.slice(0, 16).replace(':', '-');
  if (out === undefined) return join(resultsDir, `${stamp}-${scale}.json`);
  if (out.includes('{scale}')) return out.replaceAll('{scale}', scale);
  if (out.endsWith('.json')) return out.replace(/\.json$/, `-${scale}.json`);
  return join(out, `${stamp}-${scale}.json`);
}

/** Writes the result as Prettier formats JSON, so that a file left in the tree passes `prettier --check`. */
export async function writeResult(path: string, result: ScaleResult): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(JSON.stringify(result), { ...options, parser: 'json' }));
}

export function readResult(path: string): ScaleResult {
  return JSON.parse(readFileSync(path, 'utf8')) as ScaleResult;
}

/** The scale rule: p99 at the largest scale within this factor of the smallest's. */
export const SCALE_RULE = 1.5;

/** p99 of each row of the targets table at the largest scale against the smallest, per database. */
export function scaleRule(results: ScaleResult[]): ResultRow[] | undefined {
  const [small, large] = [results[0], results.at(-1)];
  if (!small || !large || small === large) return undefined;
  const rows: ResultRow[] = [];
  for (const db of large.databases) {
    const before = small.databases.find((d) => d.database === db.database);
    if (!before) continue;
    for (const row of db.rows.filter((r) => r.kind === 'load' && r.inTable)) {
      const base = before.rows.find((r) => r.name === row.name);
      const name = `${db.database}: ${row.name}`;
      const target = `≤ ${SCALE_RULE}×`;
      if (
        row.p99Ms === undefined ||
        base?.p99Ms === undefined ||
        row.outcome === 'ERR' ||
        base.outcome === 'ERR'
      ) {
        rows.push({ name, kind: 'once', target, outcome: 'ERR', why: 'not measured at both scales' });
        continue;
      }
      const value = row.p99Ms / base.p99Ms;
      const met = value <= SCALE_RULE;
      rows.push({
        name,
        kind: 'once',
        value,
        unit: '×',
        target,
        outcome: met ? 'PASS' : 'MISS',
        why: met ? '' : `${fixed(row.p99Ms, 1)} ms is ${fixed(value, 2)}× ${fixed(base.p99Ms, 1)} ms`,
        note: `${fixed(base.p99Ms, 1)} ms → ${fixed(row.p99Ms, 1)} ms`,
      });
    }
  }
  return rows;
}
