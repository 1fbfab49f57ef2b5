import { DomainError } from '../errors.js';

/**
 * Checks a client's If-Match version against the stored one. `expected` undefined means the client
 * did not ask for a precondition: the write applies to the version just read.
 */
export function checkVersion(resource: string, stored: number, expected: number | undefined): number {
  if (expected !== undefined && expected !== stored) {
    throw new DomainError(
      'precondition.failed',
      `${resource} is at version ${stored}, not ${expected}: read it again and retry`,
    );
  }
  return stored;
}

/** The conditional write matched no row: someone changed or removed it since it was read. */
export function concurrentChange(resource: string): DomainError {
  return new DomainError(
    'precondition.failed',
    `${resource} changed while this request ran: read it again and retry`,
  );
}
