/**
 * The service as it is deployed: `node dist/cli/main.js serve`, the bundle `npm run build` makes,
 * in a process of its own, configured by environment variables. The measured app and the cold
 * starts both run it, so the benchmark times the code users run (bundled, no TypeScript loader in
 * the way), not the sources.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = join(root, 'dist', 'cli', 'main.js');
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
    console.log('building dist/ (npm run build) ...');
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

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  origin: string;
  /** Milliseconds from the spawn to the first 200 of /readyz (the database reachable and migrated). */
  startMs: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop: () => Promise<void>;
}

/**
 * Starts `profiled serve` over `databaseUrl` on a free loopback port with `env` added to this
 * process's environment, and resolves once /readyz answers 200.
 */
export async function startServe(
  databaseUrl: string,
  masterKey: Buffer,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  ensureBuilt();
  const port = await freePort();
  const started = performance.now();
  // BENCH_NODE_ARGS: Node options for the served process, e.g. --cpu-prof --cpu-prof-dir=DIR to profile it.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      MASTER_KEY: masterKey.toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-600)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killed);
  };
  try {
    while (!(await ready(port))) {
      if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${stderr.trim()}`);
      if (performance.now() - started > GIVE_UP_MS)
        throw new Error(`no 200 from /readyz in ${GIVE_UP_MS} ms`);
      await sleep(5);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startMs = performance.now() - started;
  return { child, port, origin: `http://127.0.0.1:${port}`, startMs, stop };
}
