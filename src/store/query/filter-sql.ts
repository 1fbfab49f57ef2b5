import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { FilterNode, FilterValue } from './filter-ast.js';
import { requireField, type FieldMap, type ListField } from './fields.js';
import { QueryError } from './query-error.js';

const fail = (message: string, position: number): never => {
  throw new QueryError('invalid_filter', `${message} at position ${position}`, position);
};

/** Escapes LIKE's wildcards so a value matches literally; the pattern declares `\` as the escape. */
const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The database value a filter value stands for, in the column's representation. */
function columnValue(
  field: ListField,
  attribute: string,
  value: FilterValue,
  position: number,
): string | number {
  const wrong = (expected: string) =>
    fail(`"${attribute}" takes ${expected}, not ${JSON.stringify(value)}`, position);
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? value.toLowerCase() : wrong('a string');
    // Number and instant columns are integers: a fraction or a number beyond them is refused
    // here, not by the database.
    case 'number':
      return Number.isSafeInteger(value) ? (value as number) : wrong('a whole number');
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 1 : 0) : wrong('true or false');
    case 'instant': {
      if (typeof value === 'number')
        return Number.isSafeInteger(value) ? value : wrong('epoch milliseconds or an RFC 3339 instant');
      const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(at) ? wrong('an RFC 3339 instant such as "2026-01-31T00:00:00Z"') : at;
    }
  }
}

/**
 * Compiles a parsed filter to a SQL condition with bound values only. Strings compare without
 * regard to case on both databases (lower() on both sides), so results match across them.
 */
export function filterToSql(node: FilterNode, fields: FieldMap): RawBuilder<SqlBool> {
  switch (node.type) {
    case 'and':
    case 'or': {
      const joiner = node.type === 'and' ? sql` and ` : sql` or `;
      return sql<SqlBool>`(${filterToSql(node.left, fields)}${joiner}${filterToSql(node.right, fields)})`;
    }
    case 'not':
      return sql<SqlBool>`not (${filterToSql(node.expression, fields)})`;
    case 'present': {
      const { field } = requireField(fields, node.attribute, 'invalid_filter', node.position);
      const column = sql.ref(field.column);
      return field.type === 'string'
        ? sql<SqlBool>`(${column} is not null and ${column} <> '')`
        : sql<SqlBool>`${column} is not null`;
    }
    case 'compare': {
      const { name, field } = requireField(fields, node.attribute, 'invalid_filter', node.position);
      const column = field.type === 'string' ? sql`lower(${sql.ref(field.column)})` : sql.ref(field.column);
      const { operator, value } = node;
      if (value === null) {
        if (operator === 'eq') return sql<SqlBool>`${sql.ref(field.column)} is null`;
        if (operator === 'ne') return sql<SqlBool>`${sql.ref(field.column)} is not null`;
        return fail(`"${operator}" cannot compare with null`, node.valuePosition);
      }
      const bound = columnValue(field, name, value, node.valuePosition);
      switch (operator) {
        case 'eq':
          return sql<SqlBool>`${column} = ${bound}`;
        case 'ne':
          // SCIM: "ne" also matches where the attribute has no value.
          return sql<SqlBool>`(${column} <> ${bound} or ${sql.ref(field.column)} is null)`;
        case 'co':
        case 'sw':
        case 'ew': {
          if (field.type !== 'string')
            return fail(`"${operator}" applies to strings, not "${name}"`, node.position);
          const text = likeLiteral(String(bound));
          const pattern = operator === 'co' ? `%${text}%` : operator === 'sw' ? `${text}%` : `%${text}`;
          return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
        }
        case 'gt':
        case 'ge':
        case 'lt':
        case 'le': {
          if (field.type === 'boolean')
            return fail(`"${operator}" does not apply to the boolean "${name}"`, node.position);
          const symbol = { gt: '>', ge: '>=', lt: '<', le: '<=' }[operator];
          return sql<SqlBool>`${column} ${sql.raw(symbol)} ${bound}`;
        }
      }
    }
  }
}
