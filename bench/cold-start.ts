/**
 * Cold start and idle memory of the service as it is deployed: `node dist/cli/main.js serve` on
 * a fresh port, timed from the spawn to the first 200 of /readyz (the database reachable and
 * migrated), on the seeded database and on an empty one (which it migrates first); then, on the
 * seeded one, its resident memory (VmRSS) after a short idle. Each is the median of a few starts.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchDatabaseKind } from './config.js';
import { openEmpty } from './databases.js';
import { ensureBuilt, startServe } from './serve-process.js';
import { errorRow, judge, type ResultRow, type Target } from './targets.js';

const STARTS = 3;
const IDLE_MS = 2000;

function rssMb(pid: number): number | undefined {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? (Number(m[1]) * 1024) / 1e6 : undefined;
}

interface Start {
  ms: number;
  rssMb: number | undefined;
}

/** One start: spawn, poll /readyz, optionally wait idle and read VmRSS, then SIGTERM it. */
async function startOnce(databaseUrl: string, masterKey: Buffer, measureRss: boolean): Promise<Start> {
  const served = await startServe(databaseUrl, masterKey);
  try {
    if (!measureRss) return { ms: served.startMs, rssMb: undefined };
    await sleep(IDLE_MS);
    const pid = served.child.pid;
    return { ms: served.startMs, rssMb: pid === undefined ? undefined : rssMb(pid) };
  } finally {
    await served.stop();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function coldStarts(
  kind: BenchDatabaseKind,
  seededUrl: string,
  masterKey: Buffer,
  adminUrl: string,
): Promise<ResultRow[]> {
  const sqlite = kind === 'sqlite';
  const startTarget: Target | null = sqlite ? { kind: 'max', max: 500, unit: 'ms' } : null;
  const rssTarget: Target | null = sqlite ? { kind: 'max', max: 120, unit: 'MB' } : null;
  const names = {
    seeded: 'cold start to first 200 (seeded)',
    empty: 'cold start to first 200 (empty database)',
    rss: 'idle RSS after start (seeded)',
  };
  try {
    ensureBuilt();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [
      errorRow(names.seeded, 'once', startTarget, why),
      errorRow(names.empty, 'once', startTarget, why),
      errorRow(names.rss, 'once', rssTarget, why),
    ];
  }
  const rows: ResultRow[] = [];
  try {
    const seeded: Start[] = [];
    for (let i = 0; i < STARTS; i += 1) seeded.push(await startOnce(seededUrl, masterKey, true));
    const spread = (s: Start[]) => `${STARTS} starts: ${s.map((x) => x.ms.toFixed(0)).join(', ')} ms`;
    rows.push({
      ...judge(
        { name: names.seeded, kind: 'once', value: median(seeded.map((s) => s.ms)), unit: 'ms' },
        startTarget,
      ),
      note: spread(seeded),
    });
    const rss = seeded.map((s) => s.rssMb).filter((v): v is number => v !== undefined);
    rows.push(
      rss.length > 0
        ? judge({ name: names.rss, kind: 'once', value: median(rss), unit: 'MB' }, rssTarget)
        : errorRow(names.rss, 'once', rssTarget, 'VmRSS could not be read'),
    );
    const empty: Start[] = [];
    for (let i = 0; i < STARTS; i += 1) {
      const fresh = await openEmpty(kind, adminUrl);
      try {
        empty.push(await startOnce(fresh.url, masterKey, false));
      } finally {
        await fresh.dispose();
      }
    }
    rows.push({
      ...judge(
        { name: names.empty, kind: 'once', value: median(empty.map((s) => s.ms)), unit: 'ms' },
        startTarget,
      ),
      note: spread(empty),
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    for (const [name, target] of [
      [names.seeded, startTarget],
      [names.rss, rssTarget],
      [names.empty, startTarget],
    ] as const) {
      if (!rows.some((r) => r.name === name)) rows.push(errorRow(name, 'once', target, why));
    }
  }
  return rows;
}
