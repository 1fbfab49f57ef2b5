import { fork, type ChildProcess } from 'node:child_process';
import type { Endpoint, LoadResult, ParentMessage, RequestSpec } from './load-protocol.js';

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  errors: number;
  errorSamples: string[];
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] as number;
}

/** One measurement from the slices of a scenario: their requests and latencies pooled. */
export function pool(slices: readonly LoadResult[]): Measurement {
  const all = new Float64Array(slices.reduce((n, s) => n + s.latenciesMs.length, 0));
  let at = 0;
  for (const s of slices) {
    all.set(s.latenciesMs, at);
    at += s.latenciesMs.length;
  }
  all.sort();
  const completed = slices.reduce((n, s) => n + s.completed, 0);
  const measuredMs = slices.reduce((n, s) => n + s.measuredMs, 0);
  return {
    requestsPerSecond: measuredMs > 0 ? (completed * 1000) / measuredMs : 0,
    p50Ms: percentile(all, 0.5),
    p99Ms: percentile(all, 0.99),
    completed,
    errors: slices.reduce((n, s) => n + s.errors, 0),
    errorSamples: slices.flatMap((s) => s.errorSamples).slice(0, 5),
  };
}

/** Drives load from a child process (bench/load-worker.ts), one job at a time; started on first use. */
export class LoadGenerator {
  private child: ChildProcess | undefined;
  /** Per request list, how far it has been sent. */
  private readonly offsets = new WeakMap<RequestSpec[], number>();

  constructor(private readonly connections: number) {}

  private started(): ChildProcess {
    this.child ??= fork(new URL('./load-worker.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return this.child;
  }

  /** Sends `requests` in a closed loop for warm-up plus duration; times only the duration. */
  run(
    endpoint: Endpoint,
    requests: RequestSpec[],
    warmupMs: number,
    durationMs: number,
  ): Promise<LoadResult> {
    if (requests.length === 0) return Promise.reject(new Error('a scenario needs at least one request'));
    const child = this.started();
    const offset = this.offsets.get(requests) ?? 0;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (result: LoadResult) => {
        child.off('exit', onExit);
        this.offsets.set(requests, (offset + result.sent) % requests.length);
        resolve(result);
      });
      const job: ParentMessage = {
        type: 'run',
        // Only what crosses to the child process (a server object also has functions).
        endpoint: { origin: endpoint.origin, headers: endpoint.headers },
        requests,
        offset,
        connections: this.connections,
        warmupMs,
        durationMs,
      };
      child.send(job);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || !child.connected) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // With a callback, a channel closing under us (Ctrl-C reached the child too) is no 'error' event.
    child.send({ type: 'exit' } satisfies ParentMessage, (error) => {
      if (error) child.kill();
    });
    await exited;
  }
}
