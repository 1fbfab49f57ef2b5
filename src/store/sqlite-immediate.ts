import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';

/**
 * The driver of `inner` (Kysely's SQLite driver), with every transaction begun IMMEDIATE: it takes
 * the database's write lock as it begins, waiting for it up to the busy timeout. A transaction
 * begun DEFERRED (Kysely's `begin`) reads first and asks for the lock at its first write; when
 * another process (a worker, a second `profiled` over the same file) has committed since its
 * read began, SQLite refuses at once (SQLITE_BUSY_SNAPSHOT, or SQLITE_BUSY, without waiting:
 * waiting could deadlock), and the request failed. Within one process nothing changes: its one
 * connection runs one transaction at a time anyway.
 */
class ImmediateTransactionsDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init = () => this.inner.init();
  acquireConnection = () => this.inner.acquireConnection();
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  commitTransaction = (connection: DatabaseConnection) => this.inner.commitTransaction(connection);
  rollbackTransaction = (connection: DatabaseConnection) => this.inner.rollbackTransaction(connection);
  savepoint: Driver['savepoint'] = (connection, name, compile) =>
    this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) =>
    this.inner.releaseSavepoint!(connection, name, compile);
  releaseConnection = (connection: DatabaseConnection) => this.inner.releaseConnection(connection);
  destroy = () => this.inner.destroy();
}

/** `dialect` (SQLite's), its transactions begun IMMEDIATE (see ImmediateTransactionsDriver). */
export function immediateTransactions(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new ImmediateTransactionsDriver(dialect.createDriver()),
  };
}
