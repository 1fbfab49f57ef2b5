import { QueryError } from './query-error.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'instant';

export interface ListField {
  /** Qualified SQL column, e.g. 'users.username'. Trusted: it comes from code, never from a request. */
  column: string;
  type: FieldType;
  /**
   * Allowed in `sort`. Sortable fields must be NOT NULL columns (keyset comparison needs it),
   * unless `sortsNullAs` says what a missing value sorts as.
   */
  sortable?: boolean;
  /** A nullable string column sorts (and pages) as this value where it holds none, e.g. ''. */
  sortsNullAs?: string;
}

/** Keyed by the API attribute name (camelCase), e.g. { id, username, createdAt }. Must include `id`. */
export type FieldMap = Readonly<Record<string, ListField>>;

/** Finds an attribute by name, ignoring case (as SCIM does); answers its canonical name too. */
function lookupField(fields: FieldMap, name: string): { name: string; field: ListField } | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(fields).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : { name: key, field: fields[key]! };
}

export function requireField(fields: FieldMap, name: string, kind: QueryError['kind'], position?: number) {
  const found = lookupField(fields, name);
  if (!found) {
    const where = position === undefined ? '' : ` at position ${position}`;
    throw new QueryError(
      kind,
      `unknown attribute "${name}"${where}; known: ${Object.keys(fields).join(', ')}`,
      position,
    );
  }
  return found;
}
