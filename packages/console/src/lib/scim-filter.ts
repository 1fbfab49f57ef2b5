/**
 * Builds the SCIM filters the list endpoints take (`filter=...`). Values are always quoted and
 * escaped here, so what a person types is compared as text and never read as filter syntax.
 */

/** A string literal of the filter language: quoted, with `\` and `"` escaped. */
export function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

export type Operator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export function clause(field: string, operator: Operator, value: string): string {
  return `${field} ${operator} ${quoted(value)}`;
}

/** The clauses that are given, joined by `and`; undefined when none is. */
export function allOf(...clauses: (string | undefined | false)[]): string | undefined {
  const given = clauses.filter((c): c is string => typeof c === 'string' && c !== '');
  if (given.length === 0) return undefined;
  return given.length === 1 ? given[0] : given.map((c) => `(${c})`).join(' and ');
}

/** `field eq a or field eq b ...`: one of the values. */
export function oneOf(field: string, values: readonly string[]): string {
  return values.map((value) => clause(field, 'eq', value)).join(' or ');
}

/** The API takes filters up to this long. */
const maxFilterLength = 2000;

/**
 * Splits `values` into groups whose `oneOf` filter fits the API's limit, so looking up the names
 * of a page's ids is a few requests, not one per id.
 */
export function oneOfChunks(field: string, values: readonly string[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const value of values) {
    const candidate = [...current, value];
    if (current.length > 0 && oneOf(field, candidate).length > maxFilterLength) {
      chunks.push(oneOf(field, current));
      current = [value];
    } else current = candidate;
  }
  if (current.length > 0) chunks.push(oneOf(field, current));
  return chunks;
}
