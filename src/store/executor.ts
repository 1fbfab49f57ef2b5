import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** What every repository function takes first: the database or a transaction on it. */
export type Executor = Kysely<DB>;

/** True when `error` is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** True when `error` is a foreign-key violation on either database: a row refers to one that is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/**
 * True when PostgreSQL ended the transaction because it lost to a concurrent one: a deadlock
 * (40P01) or a serialization failure (40001). Run again, it succeeds.
 */
export function isLostTransaction(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

/** The constraint or index a unique violation names, when the driver says (PostgreSQL does; SQLite names columns). */
export function violatedConstraint(error: unknown): string {
  const e = error as { constraint?: unknown; message?: unknown };
  if (typeof e.constraint === 'string') return e.constraint;
  return typeof e.message === 'string' ? e.message : '';
}

/** Whether the database answers at all: a trivial query, for readiness. */
export async function databaseAnswers(db: Executor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
