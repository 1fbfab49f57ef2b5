import {
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  DeleteQueryNode,
  InsertQueryNode,
  ParensNode,
  PrimitiveValueListNode,
  ReferenceNode,
  UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type OperationNode,
} from 'kysely';
import type { DB } from './schema.js';

/**
 * The tables whose writes say which rows they change by a key column, so that a cached read
 * about one key (a user's grants) outlives writes about other keys (another user's assignment).
 * A delete of such a table must cascade nowhere: no foreign key references `assignments`
 * (test/store/keyed-changes.test.ts checks it).
 */
export const keyedTables: Partial<Record<keyof DB, string>> = { assignments: 'user_id' };

/** Keys may travel in a PostgreSQL notification: ids and names, nothing that needs quoting. */
const plainKey = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The `column` values of every row an insert writes, or undefined when one of them is not plain. */
function insertedKeys(query: InsertQueryNode, column: string): string[] | undefined {
  // An upsert (or `insert or replace`) may change a row found by another key than the values name.
  const upsert = query.onConflict || query.onDuplicateKey || query.replace || query.orAction;
  if (upsert || !query.values || !ValuesNode.is(query.values)) return undefined;
  const at = (query.columns ?? []).findIndex((c) => c.column.name === column);
  if (at < 0) return undefined;
  const keys: unknown[] = [];
  for (const row of query.values.values) {
    if (PrimitiveValueListNode.is(row)) keys.push(row.values[at]);
    else if (ValueListNode.is(row)) {
      const value = row.values[at];
      keys.push(value && ValueNode.is(value) ? value.value : undefined);
    } else return undefined;
  }
  return plainKeys(keys);
}

/**
 * The keys a `where` limits the rows to: a condition `column = v` or `column in (…)` that every
 * matched row meets, one of the terms joined by `and` (never under an `or`, where rows may match
 * the other side).
 */
function whereKeys(node: OperationNode, table: string, column: string): string[] | undefined {
  if (ParensNode.is(node)) return whereKeys(node.node, table, column);
  if (AndNode.is(node)) return whereKeys(node.left, table, column) ?? whereKeys(node.right, table, column);
  if (!BinaryOperationNode.is(node) || !ReferenceNode.is(node.leftOperand)) return undefined;
  const reference = node.leftOperand;
  if (!ColumnNode.is(reference.column) || reference.column.column.name !== column) return undefined;
  if (reference.table && reference.table.table.identifier.name !== table) return undefined;
  const operator = (node.operator as { operator?: string }).operator;
  const right = node.rightOperand;
  if (operator === '=' && ValueNode.is(right)) return plainKeys([right.value]);
  if (operator !== 'in') return undefined;
  if (PrimitiveValueListNode.is(right)) return plainKeys(right.values);
  if (ValueListNode.is(right))
    return plainKeys(right.values.map((v) => (ValueNode.is(v) ? v.value : undefined)));
  return undefined;
}

const plainKeys = (values: readonly unknown[]): string[] | undefined =>
  values.every((v): v is string => typeof v === 'string' && plainKey.test(v))
    ? [...new Set(values)]
    : undefined;

/**
 * The rows of keys a write to `table` (one of keyedTables) changes, as `table#key` changes; or
 * undefined when the statement does not say (then the whole table counts as written).
 */
export function keyedChanges(
  query: InsertQueryNode | UpdateQueryNode | DeleteQueryNode,
  table: string,
): string[] | undefined {
  const column = keyedTables[table as keyof DB];
  // Raw SQL after the statement (Kysely's modifyEnd: `or 1=1`, `on conflict …`) may reach any
  // row, and so may a common table expression.
  const more = query.endModifiers?.length || query.top || query.output || query.with;
  if (column === undefined || more) return undefined;
  let keys: string[] | undefined;
  if (InsertQueryNode.is(query)) keys = insertedKeys(query, column);
  else if (UpdateQueryNode.is(query)) {
    // Rows joined from elsewhere could name the column too; rows moved to another key change it.
    const movesKey = (query.updates ?? []).some(
      (u) => !ColumnNode.is(u.column) || u.column.column.name === column,
    );
    if (!movesKey && !query.from && !query.joins && query.where)
      keys = whereKeys(query.where.where, table, column);
  } else if (!query.using && !query.joins && query.from.froms.length === 1 && query.where) {
    keys = whereKeys(query.where.where, table, column);
  }
  return keys?.map((key) => `${table}#${key}`);
}
