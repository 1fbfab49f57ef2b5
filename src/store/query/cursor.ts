import { createHash } from 'node:crypto';
import type { FieldType } from './fields.js';
import { QueryError } from './query-error.js';

export type CursorValue = string | number;

interface CursorBody {
  /** Sort signature. */
  s: string;
  /** Short hash of the filter. */
  f: string;
  /** The last row's sort-key values. */
  v: CursorValue[];
}

const filterHash = (filter: string | undefined): string =>
  createHash('sha256')
    .update(filter ?? '')
    .digest('base64url')
    .slice(0, 12);

export function encodeCursor(sort: string, filter: string | undefined, values: CursorValue[]): string {
  const body: CursorBody = { s: sort, f: filterHash(filter), v: values };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Whether a cursor value can stand in a column of this type (numbers are integer columns). */
const fits = (value: unknown, type: FieldType): boolean =>
  type === 'string' ? typeof value === 'string' : Number.isSafeInteger(value);

/**
 * Reads a cursor issued for the same sort and filter, each value of its key's type (a forged
 * value must not reach SQL: PostgreSQL refuses 1.5 for a bigint); anything else is an
 * invalid_cursor error.
 */
export function decodeCursor(
  cursor: string,
  sort: string,
  filter: string | undefined,
  keys: readonly { type: FieldType }[],
): CursorValue[] {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new QueryError('invalid_cursor', 'cursor is not one this API issued');
  }
  const b = body as Partial<CursorBody> | null;
  const valid =
    typeof b === 'object' &&
    b !== null &&
    typeof b.s === 'string' &&
    typeof b.f === 'string' &&
    Array.isArray(b.v) &&
    b.v.length === keys.length &&
    b.v.every((v, i) => fits(v, keys[i]!.type));
  if (!valid) throw new QueryError('invalid_cursor', 'cursor is not one this API issued');
  if (b.s !== sort || b.f !== filterHash(filter)) {
    throw new QueryError('invalid_cursor', 'cursor belongs to a query with another sort or filter');
  }
  return b.v as CursorValue[];
}
