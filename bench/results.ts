/**
 * The results of a run as JSON: one file a scale (both databases), read back by bench/chart.ts.
 * Written to bench/results/<date>-<scale>.json, or where BENCH_OUT says: a directory, or a file
 * name in which `{scale}` stands for the scale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchConfig, ScaleName } from './config.js';
import type { ResultRow } from './targets.js';

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
  settings: Pick<BenchConfig, 'seconds' | 'rounds' | 'warmupSeconds' | 'connections'>;
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

export function writeResult(path: string, result: ScaleResult): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
}

export function readResult(path: string): ScaleResult {
  return JSON.parse(readFileSync(path, 'utf8')) as ScaleResult;
}
