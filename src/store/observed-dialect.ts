import {
  ColumnNode,
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type OperationNode,
  type QueryResult,
  type TransactionSettings,
  type WithNode,
} from 'kysely';
import { collapsed, type ChangedTables } from './change-feed.js';
import { keyedChanges, keyedTables } from './keyed-writes.js';
import type { DB } from './schema.js';

/**
 * Writes that change nothing a cached read answers: the audit trail, rate-limit counters,
 * idempotency records, used refresh tokens and used request signatures are read by no cached
 * path, and a credential's last-used time is in no answer that is cached. Leaving them out keeps
 * the hot path's own bookkeeping (last use, attempt counts, a signature recorded on every signed
 * request) from emptying the caches and, on PostgreSQL, from notifying every other process.
 */
const unobservedTables = new Set<keyof DB>([
  'audit_events',
  'attempt_counts',
  'idempotency_keys',
  'rotated_refresh_tokens',
  'used_signatures',
]);
const unobservedColumns: Partial<Record<keyof DB, ReadonlySet<string>>> = {
  credentials: new Set(['last_used_at']),
};

const tableName = (node: OperationNode | undefined): string | undefined =>
  node && TableNode.is(node) ? node.table.identifier.name : undefined;

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Whether a common table expression of the query is no plain select (PostgreSQL's
 * `with d as (update …) delete …`): it may write any table, whatever the statement itself writes.
 */
function writesInWith(node: OperationNode): boolean {
  const ctes = (node as { with?: WithNode }).with?.expressions ?? [];
  return ctes.some((cte) => !SelectQueryNode.is(cte.expression) || writesInWith(cte.expression));
}

/** The table written, or the rows of the keys the statement names when the table is keyed. */
const written = (query: InsertQueryNode | UpdateQueryNode | DeleteQueryNode, table: string): ChangedTables =>
  new Set(keyedChanges(query, table) ?? [table]);

/**
 * The tables a query may change rows of that a cached read depends on (or of a keyed table, the
 * rows of the keys it names): none for a read, `all` for raw SQL that is no read, a merge, and a
 * delete (foreign keys cascade it to other tables) of any table but a keyed one.
 */
function changedTables(compiled: CompiledQuery): ChangedTables {
  const query = compiled.query;
  if (query.kind === 'RawNode')
    return /^\s*(select|pragma|explain|show)\b/i.test(compiled.sql) ? NOTHING : 'all';
  if (writesInWith(query)) return 'all';
  if (InsertQueryNode.is(query)) {
    const table = tableName(query.into);
    if (table === undefined) return 'all';
    return unobservedTables.has(table as keyof DB) ? NOTHING : written(query, table);
  }
  if (UpdateQueryNode.is(query)) {
    const table = tableName(query.table);
    if (table === undefined) return 'all';
    if (unobservedTables.has(table as keyof DB)) return NOTHING;
    const ignored = unobservedColumns[table as keyof DB];
    const columns = (query.updates ?? []).map((u) => (ColumnNode.is(u.column) ? u.column.column.name : ''));
    return ignored && columns.every((c) => ignored.has(c)) ? NOTHING : written(query, table);
  }
  if (DeleteQueryNode.is(query)) {
    const table = query.from.froms.length === 1 ? tableName(query.from.froms[0]) : undefined;
    if (table !== undefined && keyedTables[table as keyof DB] !== undefined) return written(query, table);
    return query.from.froms.every((f) => unobservedTables.has(tableName(f) as keyof DB)) ? NOTHING : 'all';
  }
  if (MergeQueryNode.is(query)) return 'all';
  return NOTHING;
}

/** A write that reports it changed no row (an update or delete that matched none) changed nothing. */
const changedRows = (result: QueryResult<unknown>) =>
  result.numAffectedRows === undefined || result.numAffectedRows > 0n;

/** What two statements of a transaction wrote; collapsed as it grows, so a bulk write keeps few keys. */
const union = (a: ChangedTables, b: ChangedTables): ChangedTables =>
  a === 'all' || b === 'all' ? 'all' : b.size === 0 ? a : collapsed(new Set([...a, ...b]));

export interface Observer {
  /** After a write outside a transaction, or the commit of a transaction that wrote. */
  committed(tables: ChangedTables): void;
  /**
   * Runs on the connection just before such a transaction commits, or after such a write outside
   * one: PostgreSQL sends its notification there, so other processes hear of the commit.
   */
  beforeCommit?: (run: (sql: string) => Promise<unknown>, tables: ChangedTables) => Promise<void>;
}

/** A connection that notes whether its current transaction wrote. */
class ObservedConnection implements DatabaseConnection {
  inTransaction = false;
  /** The tables the current transaction wrote. */
  wrote: ChangedTables = NOTHING;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly observer: Observer,
  ) {}

  run = (sql: string) => this.inner.executeQuery(CompiledQuery.raw(sql));

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const tables = changedTables(compiled);
    const writes = tables === 'all' || tables.size > 0;
    if (!writes) return this.inner.executeQuery<R>(compiled);
    if (this.inTransaction) {
      // Counted at the commit. A statement that failed or matched no row changed nothing.
      const result = await this.inner.executeQuery<R>(compiled);
      if (changedRows(result)) this.wrote = union(this.wrote, tables);
      return result;
    }
    const reported = collapsed(tables);
    let result: QueryResult<R> | undefined;
    try {
      result = await this.inner.executeQuery<R>(compiled);
      if (changedRows(result)) await this.observer.beforeCommit?.(this.run, reported);
      return result;
    } finally {
      // Even when the write (or its notification) failed: it may have committed all the same.
      if (result === undefined || changedRows(result)) this.observer.committed(reported);
    }
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection) => (connection as ObservedConnection).inner;

/** The driver of `inner`, telling `observer` of every commit that may have changed observed rows. */
class ObservedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly observer: Observer,
  ) {}

  init = () => this.inner.init();
  destroy = () => this.inner.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ObservedConnection(await this.inner.acquireConnection(), this.observer);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(innerOf(connection));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(innerOf(connection), settings);
    const observed = connection as ObservedConnection;
    observed.inTransaction = true;
    observed.wrote = NOTHING;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const observed = connection as ObservedConnection;
    // Collapsed already: union collapses what each statement adds.
    const { wrote } = observed;
    const changed = wrote === 'all' || wrote.size > 0;
    try {
      if (changed) await this.observer.beforeCommit?.(observed.run, wrote);
      await this.inner.commitTransaction(observed.inner);
    } finally {
      observed.inTransaction = false;
      observed.wrote = NOTHING;
      // Even when the commit failed: the server may have committed before the answer was lost.
      if (changed) this.observer.committed(wrote);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const observed = connection as ObservedConnection;
    observed.inTransaction = false;
    observed.wrote = NOTHING;
    await this.inner.rollbackTransaction(observed.inner);
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) =>
    this.inner.savepoint!(innerOf(connection), name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(innerOf(connection), name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(innerOf(connection), name, compile);
}

/**
 * `dialect`, with every committed write that may change a cached read reported to `observer`.
 * A rolled-back transaction reports nothing; a write inside a savepoint that is rolled back
 * still counts (the caches are emptied once too often, never too rarely).
 */
export function observedDialect(dialect: Dialect, observer: Observer): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new ObservedDriver(dialect.createDriver(), observer),
  };
}
