import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A worker that exits sooner than this after its start is failing to start, not crashing. */
const FAILED_START_MS = 5000;

/**
 * Runs `count` worker processes of this same command (node:cluster: they share the port, which
 * this process hands connections to in turn) and keeps them running: a worker that exits is
 * replaced, unless it could not even start, which stops them all (a bad setting would otherwise
 * restart forever). SIGTERM and SIGINT stop the workers (each finishes its requests in flight,
 * within SHUTDOWN_GRACE_MS), then this process exits: 0 when every worker stopped cleanly.
 *
 * Each worker is a profiled process of its own over the same database: it sees the others'
 * writes within the cross-process bound of docs/performance.md, as separate processes do.
 */
export function superviseWorkers(count: number, logger: Logger, shutdownGraceMs: number): void {
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let clean = true;
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  const running = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);

  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    if (exitCode !== 0) clean = false;
    logger.info({ signal, workers: running().length }, 'stopping the workers');
    for (const worker of running()) worker.process.kill('SIGTERM');
    // A worker leaves by itself after its grace period; this is the last resort.
    setTimeout(() => {
      logger.warn('workers still running after the grace period: exiting');
      process.exit(1);
    }, shutdownGraceMs + 5000).unref();
    if (running().length === 0) process.exit(clean ? 0 : 1);
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) clean = false;
      if (running().length === 0) process.exit(clean ? 0 : 1);
      return;
    }
    if (lived < FAILED_START_MS) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'a worker exited as it started: stopping');
      stop('worker failed', 1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a worker exited: starting another');
    fork();
  });
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < count; i += 1) fork();
  logger.info({ workers: count }, 'serving in worker processes');
}

/** Whether this process should serve requests itself: a worker, or the only process. */
export const servesItself = (workers: number): boolean => workers <= 1 || cluster.isWorker;
