import type SQLite from 'better-sqlite3';
import pg from 'pg';
import { Generation, type ChangeFeed } from './change-feed.js';
import type { Observer } from './observed-dialect.js';

/**
 * SQLite: `PRAGMA data_version` changes when another connection (another process) has
 * committed to the file since this connection last looked, and never for this connection's own
 * commits. Looking costs a microsecond, so it is asked on every read of the generation: another
 * process's write is seen by the next read after its commit.
 */
export function sqliteChangeFeed(sqlite: SQLite.Database): { feed: ChangeFeed; observer: Observer } {
  const generation = new Generation();
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  const feed: ChangeFeed = {
    crossProcessBoundMs: 0,
    generation() {
      const version = dataVersion.get();
      if (version !== seen) {
        seen = version;
        generation.remote();
      }
      return generation.current;
    },
    stats: () => ({ localWrites: generation.localWrites, remoteWrites: generation.remoteWrites }),
    close: () => Promise.resolve(),
  };
  return { feed, observer: { committed: () => generation.bump() } };
}

/** The channel every profiled process over a PostgreSQL database notifies and listens on. */
export const CHANGE_CHANNEL = 'profiled_changes';
/** How long after losing its listening connection a process tries again. */
const RELISTEN_MS = 500;

/**
 * PostgreSQL: a transaction that wrote sends `NOTIFY profiled_changes` before it commits (the
 * server delivers it with the commit, and not at all on a rollback); every process listens on a
 * connection of its own. While that connection is down (a restart of the server, a network
 * failure), the generation moves on every read, so nothing cached is trusted until it listens
 * again. The bound is the notification's delivery: milliseconds on a healthy server.
 */
export function postgresChangeFeed(poolConfig: pg.ClientConfig): { feed: ChangeFeed; observer: Observer } {
  const generation = new Generation();
  /** This process's own notifications carry its token and move nothing (its commits already did). */
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  let started = false;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const listen = async () => {
    retry = undefined;
    const next = new pg.Client(poolConfig);
    const lost = () => {
      listening = false;
      generation.remote();
      next.removeAllListeners('end');
      void next.end().catch(() => undefined);
      if (!closed && retry === undefined) retry = setTimeout(() => void listen(), RELISTEN_MS);
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.payload !== token) generation.remote();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      listening = true;
      // Whatever was committed while nobody listened is unknown: start afresh.
      generation.remote();
    } catch {
      lost();
    }
  };
  const feed: ChangeFeed = {
    crossProcessBoundMs: 0,
    generation() {
      // Listening starts with the first read that would trust a cache: one-shot commands never do.
      if (!started) {
        started = true;
        void listen();
      }
      if (!listening) generation.remote();
      return generation.current;
    },
    stats: () => ({ localWrites: generation.localWrites, remoteWrites: generation.remoteWrites }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => undefined);
      }
    },
  };
  const observer: Observer = {
    committed: () => generation.bump(),
    beforeCommit: async (run) => {
      await run(`select pg_notify('${CHANGE_CHANNEL}', '${token}')`);
    },
  };
  return { feed, observer };
}
