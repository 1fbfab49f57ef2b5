import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { collapsed, CommitLog, type ChangedTables, type ChangeFeed } from './change-feed.js';
import type { Observer } from './observed-dialect.js';

const feedOver = (log: CommitLog, stamp: () => number, close: () => Promise<void>): ChangeFeed => ({
  stamp,
  changedSince: (at, tables) => log.changedSince(at, tables),
  stats: () => log.stats(),
  close,
});

/**
 * SQLite: `PRAGMA data_version` changes when another connection (another process) has
 * committed to the file since this connection last looked, and never for this connection's own
 * commits. Looking costs a couple of microseconds, so it is asked once per turn of the event
 * loop: another process's write is seen by the next request that arrives after its commit. It does not say which tables: all count as changed.
 */
export function sqliteChangeFeed(sqlite: SQLite.Database): { feed: ChangeFeed; observer: Observer } {
  const log = new CommitLog();
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let seen = dataVersion.get();
  // Asked once per turn of the event loop, not once per read: the reads of one request (and of
  // the requests that arrived with it) share the answer, and anything committed before a
  // request arrived is seen by it.
  let askedThisTurn = false;
  const stamp = () => {
    if (!askedThisTurn) {
      askedThisTurn = true;
      setImmediate(() => (askedThisTurn = false));
      const version = dataVersion.get();
      if (version !== seen) {
        seen = version;
        log.committed('all', true);
      }
    }
    return log.current;
  };
  const observer: Observer = { committed: (tables) => log.committed(tables, false) };
  return { feed: feedOver(log, stamp, () => Promise.resolve()), observer };
}

/** The channel every profiled process over a PostgreSQL database notifies and listens on. */
export const CHANGE_CHANNEL = 'profiled_changes';
/** How long after losing its listening connection a process tries again. */
const RELISTEN_MS = 500;
/**
 * The listening connection notifies itself this often; when no notification has arrived for
 * SILENCE_MS (a connection that died without a word, a server that stopped delivering), nothing
 * cached is trusted until one does: the bound on how late another process's commit is heard of.
 */
const HEARTBEAT_MS = 250;
export const SILENCE_MS = 1000;

/** PostgreSQL refuses a payload of 8,000 bytes or more; keys that would not fit are sent as their tables. */
const MAX_PAYLOAD = 7900;
const plainTable = /^[a-z_]+$/;
const plainKeyed = /^[a-z_]+#[A-Za-z0-9_.:-]+$/;

/**
 * A notification's payload: the sender's token, the tables it wrote (`*`: all), then the rows of
 * keys it wrote (`assignments#<user id>`, see Dependency) for the tables written only by key.
 * Every table written is in the second part, so a process that reads only that part (an older
 * one, during an upgrade) still counts the keyed tables as changed.
 */
export function payloadOf(token: string, written: ChangedTables): string {
  // A table written whole beside keys of it would be read as written for those keys only.
  const changes = collapsed(written);
  if (changes === 'all' || [...changes].some((c) => !plainTable.test(c) && !plainKeyed.test(c)))
    return `${token} *`;
  const tables = new Set([...changes].map((c) => c.split('#')[0]!));
  const keyed = [...changes].filter((c) => c.includes('#'));
  const plain = `${token} ${[...tables].join(',')}`;
  const full = keyed.length === 0 ? plain : `${plain} ${keyed.join(',')}`;
  return full.length <= MAX_PAYLOAD ? full : plain;
}

export function changesOfPayload(payload: string): { sender: string; tables: ChangedTables } {
  const [sender = '', list, keyedList] = payload.split(' ');
  // No list at all: not ours (count everything). An empty list: a heartbeat, which changed nothing.
  if (list === undefined || list === '*') return { sender, tables: 'all' };
  const tables = new Set(list === '' ? [] : list.split(','));
  if (!keyedList) return { sender, tables };
  const keyed = keyedList.split(',');
  for (const change of keyed) tables.delete(change.split('#')[0]!);
  return { sender, tables: new Set([...tables, ...keyed]) };
}

/**
 * PostgreSQL: a transaction that wrote sends `NOTIFY profiled_changes` with the tables it wrote,
 * before it commits (the server delivers it with the commit, and not at all on a rollback);
 * every process listens on a connection of its own. While that connection is down (a restart of
 * the server, a network failure) or has heard nothing for SILENCE_MS (it notifies itself every
 * HEARTBEAT_MS), every stamp counts as a change of every table, so nothing cached is trusted
 * until it hears again. Another process's commit is heard of within milliseconds on a healthy
 * server, and in any case trusted at most SILENCE_MS after it.
 */
export function postgresChangeFeed(
  Client: typeof pg.Client,
  config: pg.ClientConfig,
): { feed: ChangeFeed; observer: Observer } {
  const log = new CommitLog();
  /** This process's own notifications carry its token and count nothing (its commits already did). */
  const token = `${process.pid}.${Math.random().toString(36).slice(2)}`;
  let started = false;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lastHeard = 0;

  const listen = async () => {
    retry = undefined;
    const next = new Client(config);
    let beating: NodeJS.Timeout | undefined;
    let given = false;
    const lost = () => {
      clearInterval(beating);
      next.removeAllListeners('end');
      void next.end().catch(() => undefined);
      // A connection already given up on (a late error, its end) leaves its successor alone.
      if (given) return;
      given = true;
      listening = false;
      log.committed('all', true);
      if (!closed && retry === undefined) retry = setTimeout(() => void listen(), RELISTEN_MS);
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      lastHeard = Date.now();
      const { sender, tables } = changesOfPayload(message.payload ?? '');
      if (sender !== token && (tables === 'all' || tables.size > 0)) log.committed(tables, true);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      listening = true;
      lastHeard = Date.now();
      // Whatever was committed while nobody listened is unknown: start afresh.
      log.committed('all', true);
      // Heartbeats name no table (every process hears them and counts nothing): they only say
      // the connection still hears.
      const beat = `select pg_notify('${CHANGE_CHANNEL}', '${token} ')`;
      beating = setInterval(() => void next.query(beat).catch(lost), HEARTBEAT_MS).unref();
      heartbeat = beating;
    } catch {
      lost();
    }
  };

  const stamp = () => {
    // Listening starts with the first read that would trust a cache: one-shot commands never do.
    if (!started) {
      started = true;
      void listen();
    }
    if (!listening || Date.now() - lastHeard > SILENCE_MS) log.committed('all', true);
    return log.current;
  };
  const close = async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    clearInterval(heartbeat);
    listening = false;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  };
  const observer: Observer = {
    committed: (tables) => log.committed(tables, false),
    beforeCommit: async (run, tables) => {
      await run(`select pg_notify('${CHANGE_CHANNEL}', '${payloadOf(token, tables)}')`);
    },
  };
  return { feed: feedOver(log, stamp, close), observer };
}
