/** A list query the client got wrong: a bad filter, sort or cursor. Core maps it to a DomainError. */
export class QueryError extends Error {
  readonly kind: 'invalid_filter' | 'invalid_sort' | 'invalid_cursor';
  /** 0-based offset into the filter text, for filter errors. */
  readonly position?: number;

  constructor(kind: QueryError['kind'], message: string, position?: number) {
    super(message);
    this.name = 'QueryError';
    this.kind = kind;
    if (position !== undefined) this.position = position;
  }
}
