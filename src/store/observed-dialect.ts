import {
  ColumnNode,
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  TableNode,
  UpdateQueryNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type OperationNode,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { DB } from './schema.js';

/**
 * Writes that change nothing a cached read answers: the audit trail, rate-limit counters,
 * idempotency records and used refresh tokens are read by no cached path, and a credential's
 * last-used time is in no answer that is cached. Leaving them out keeps the hot path's own
 * bookkeeping (last use, attempt counts) from emptying the caches.
 */
const unobservedTables = new Set<keyof DB>([
  'audit_events',
  'attempt_counts',
  'idempotency_keys',
  'rotated_refresh_tokens',
]);
const unobservedColumns: Partial<Record<keyof DB, ReadonlySet<string>>> = {
  credentials: new Set(['last_used_at']),
};

const tableName = (node: OperationNode | undefined): string | undefined =>
  node && TableNode.is(node) ? node.table.identifier.name : undefined;

/** Whether a query may change rows a cached read depends on. Raw SQL that is no read counts. */
function changesObservedRows(query: OperationNode): boolean {
  if (InsertQueryNode.is(query)) return !unobservedTables.has(tableName(query.into) as keyof DB);
  if (DeleteQueryNode.is(query)) {
    return !query.from.froms.every((f) => unobservedTables.has(tableName(f) as keyof DB));
  }
  if (UpdateQueryNode.is(query)) {
    const table = tableName(query.table) as keyof DB | undefined;
    if (table === undefined) return true;
    if (unobservedTables.has(table)) return false;
    const ignored = unobservedColumns[table];
    const columns = (query.updates ?? []).map((u) => (ColumnNode.is(u.column) ? u.column.column.name : ''));
    return !ignored || !columns.every((c) => ignored.has(c));
  }
  if (MergeQueryNode.is(query)) return true;
  return query.kind === 'RawNode';
}

function isWrite(compiled: CompiledQuery): boolean {
  if (compiled.query.kind === 'RawNode') return !/^\s*(select|pragma|explain|show)\b/i.test(compiled.sql);
  return changesObservedRows(compiled.query);
}

/** A write that reports it changed no row (an update or delete that matched none) changed nothing. */
const changedRows = (result: QueryResult<unknown>) =>
  result.numAffectedRows === undefined || result.numAffectedRows > 0n;

export interface Observer {
  /** After a write outside a transaction, or the commit of a transaction that wrote. */
  committed(): void;
  /**
   * Runs on the connection just before such a transaction commits, or after such a write outside
   * one: PostgreSQL sends its notification there, so other processes hear of the commit.
   */
  beforeCommit?: (run: (sql: string) => Promise<unknown>) => Promise<void>;
}

/** A connection that notes whether its current transaction wrote. */
class ObservedConnection implements DatabaseConnection {
  inTransaction = false;
  wrote = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly observer: Observer,
  ) {}

  run = (sql: string) => this.inner.executeQuery(CompiledQuery.raw(sql));

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    if (isWrite(compiled) && changedRows(result)) {
      if (this.inTransaction) {
        this.wrote = true;
      } else {
        await this.observer.beforeCommit?.(this.run);
        this.observer.committed();
      }
    }
    return result;
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
    observed.wrote = false;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const observed = connection as ObservedConnection;
    if (observed.wrote) await this.observer.beforeCommit?.(observed.run);
    await this.inner.commitTransaction(observed.inner);
    observed.inTransaction = false;
    if (observed.wrote) this.observer.committed();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const observed = connection as ObservedConnection;
    observed.inTransaction = false;
    observed.wrote = false;
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
