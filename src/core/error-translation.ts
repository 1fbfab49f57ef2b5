import { QueryError } from '../store/query/query-error.js';
import { refusedInput } from '../store/refused-input.js';
import { DomainError } from './errors.js';

/** Errors of lower layers that mean "bad input", as DomainErrors; anything else is not ours to name. */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof QueryError) {
    const code =
      error.kind === 'invalid_filter'
        ? 'query.invalid_filter'
        : error.kind === 'invalid_sort'
          ? 'query.invalid_sort'
          : 'query.invalid_cursor';
    const pointer =
      error.kind === 'invalid_filter' ? '/filter' : error.kind === 'invalid_sort' ? '/sort' : '/cursor';
    return new DomainError(code, error.message, [{ pointer, detail: error.message }]);
  }
  const refused = refusedInput(error);
  if (refused !== undefined) return new DomainError('validation.failed', `the request holds ${refused}`);
  return undefined;
}
