/**
 * Cold start and idle memory of the service as it is deployed: `node dist/cli/main.js serve` on
 * a fresh port, timed from the spawn to the first 200 of /readyz (the database reachable and
 * migrated), on the seeded database and on an empty one (which it migrates first); then, on the
 * seeded one, its resident memory (VmRSS) after a short idle. Each is the median of a few starts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { BenchDatabaseKind } from './config.js';
import { openEmpty } from './databases.js';
import { errorRow, judge, type ResultRow, type Target } from './targets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'dist', 'cli', 'main.js');
const STARTS = 3;
const IDLE_MS = 2000;
const GIVE_UP_MS = 60_000;

/** The newest modification time under `dir`, in ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

let built = false;
/** Builds dist/ (as `npm run build`) when it is missing or older than src/. */
export function ensureBuilt(): void {
  if (built) return;
  let stale = true;
  try {
    stale = statSync(main).mtimeMs < newest(join(root, 'src'));
  } catch {
    // Missing: build.
  }
  if (stale) {
    console.log('building dist/ for the cold start (npm run build) ...');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm run build failed');
  }
  built = true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const ready = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });

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
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [main, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      MASTER_KEY: masterKey.toString('hex'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-600)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (!(await ready(port))) {
      if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${stderr.trim()}`);
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`no 200 from /readyz in ${GIVE_UP_MS} ms`);
      await sleep(5);
    }
    const ms = performance.now() - started;
    if (!measureRss) return { ms, rssMb: undefined };
    await sleep(IDLE_MS);
    return { ms, rssMb: child.pid === undefined ? undefined : rssMb(child.pid) };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    }
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
