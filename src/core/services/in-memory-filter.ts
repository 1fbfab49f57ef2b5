import type { FilterNode, FilterValue } from '../../store/query/filter-ast.js';
import { parseFilter } from '../../store/query/filter-parser.js';
import { QueryError } from '../../store/query/query-error.js';

/** A list's field values of one item, by the filter's attribute names (compared ignoring case). */
export type FieldsOf<T> = (item: T) => Readonly<Record<string, string | number | boolean | null>>;

const text = (v: FilterValue): FilterValue => (typeof v === 'string' ? v.toLowerCase() : v);

function matches(node: FilterNode, fields: Readonly<Record<string, FilterValue>>): boolean {
  switch (node.type) {
    case 'and':
      return matches(node.left, fields) && matches(node.right, fields);
    case 'or':
      return matches(node.left, fields) || matches(node.right, fields);
    case 'not':
      return !matches(node.expression, fields);
    case 'present':
      return fields[node.attribute.toLowerCase()] != null;
    case 'compare': {
      const key = node.attribute.toLowerCase();
      if (!(key in fields)) {
        throw new QueryError(
          'invalid_filter',
          `unknown attribute "${node.attribute}" at position ${node.position}`,
          node.position,
        );
      }
      // Strings compare ignoring case, as the SQL filter does (it compares lower()).
      const have = text(fields[key] ?? null);
      const want = text(node.value);
      switch (node.operator) {
        case 'eq':
          return have === want;
        case 'ne':
          return have !== want;
        case 'co':
          return typeof have === 'string' && have.includes(String(want));
        case 'sw':
          return typeof have === 'string' && have.startsWith(String(want));
        case 'ew':
          return typeof have === 'string' && have.endsWith(String(want));
        case 'gt':
          return have !== null && want !== null && have > want;
        case 'ge':
          return have !== null && want !== null && have >= want;
        case 'lt':
          return have !== null && want !== null && have < want;
        case 'le':
          return have !== null && want !== null && have <= want;
      }
    }
  }
}

/**
 * The items matching a filter of profiled's syntax (the one SQL lists take), for lists held in a
 * document rather than a table (a profile's permissions, its policies). Unknown attributes are
 * the same query error as in SQL lists.
 */
export function filterInMemory<T>(
  items: readonly T[],
  filter: string | undefined,
  fieldsOf: FieldsOf<T>,
): T[] {
  if (filter === undefined) return [...items];
  const ast = parseFilter(filter);
  return items.filter((item) => {
    const fields = Object.fromEntries(Object.entries(fieldsOf(item)).map(([k, v]) => [k.toLowerCase(), v]));
    return matches(ast, fields);
  });
}
