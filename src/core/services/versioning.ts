import { DomainError } from '../errors.js';
import { ConcurrentWrite } from '../transaction.js';

/**
 * Checks a client's If-Match version against the stored one. `expected` undefined means the client
 * did not ask for a precondition: the write applies to the version just read.
 */
function checkVersion(resource: string, stored: number, expected: number | undefined): number {
  if (expected !== undefined && expected !== stored) {
    throw new DomainError(
      'precondition.failed',
      `${resource} is at version ${stored}, not ${expected}: read it again and retry`,
    );
  }
  return stored;
}

/**
 * The conditional write matched no row: someone changed or removed it since it was read. With
 * If-Match that is the client's 412; without, the transaction runs again (see ConcurrentWrite).
 */
function concurrentChange(resource: string, expected: number | undefined): DomainError {
  if (expected === undefined) return new ConcurrentWrite(resource);
  return new DomainError(
    'precondition.failed',
    `${resource} changed while this request ran: read it again and retry`,
  );
}

/**
 * The optimistic-locking flow of every versioned write: reads the target (its reader answers the
 * 404), checks the client's If-Match version against it, writes on condition of that version
 * (`write` answers whether a row changed), and reports a concurrent change when none did.
 * Answers the target as it was read, before the write.
 */
export async function writeAtVersion<T extends { version: number }>(
  resource: string,
  read: () => Promise<T>,
  expectedVersion: number | undefined,
  write: (current: T, version: number) => Promise<boolean>,
): Promise<T> {
  const current = await read();
  const version = checkVersion(resource, current.version, expectedVersion);
  if (!(await write(current, version))) throw concurrentChange(resource, expectedVersion);
  return current;
}
