import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../src/core/errors.js';
import { writeAtVersion } from '../../src/core/services/versioning.js';

const stored = { id: 'u1', name: 'ada', version: 3 };

test('without If-Match the write applies to the version read, and the target as read comes back', async () => {
  const written: number[] = [];
  const before = await writeAtVersion(
    'user u1',
    async () => stored,
    undefined,
    async (current, version) => {
      assert.equal(current, stored);
      written.push(version);
      return true;
    },
  );
  assert.deepEqual(written, [3]);
  assert.equal(before, stored);
});

test('If-Match with the stored version writes on condition of it', async () => {
  const written: number[] = [];
  await writeAtVersion(
    'user u1',
    async () => stored,
    3,
    async (_current, version) => {
      written.push(version);
      return true;
    },
  );
  assert.deepEqual(written, [3]);
});

test('a stale If-Match is refused before anything is written', async () => {
  let wrote = false;
  await assert.rejects(
    writeAtVersion(
      'user u1',
      async () => stored,
      2,
      async () => (wrote = true),
    ),
    (error: unknown) =>
      error instanceof DomainError &&
      error.code === 'precondition.failed' &&
      error.message === 'user u1 is at version 3, not 2: read it again and retry',
  );
  assert.equal(wrote, false);
});

test('a write that matched no row is a concurrent change', async () => {
  await assert.rejects(
    writeAtVersion(
      'user u1',
      async () => stored,
      undefined,
      async () => false,
    ),
    (error: unknown) =>
      error instanceof DomainError &&
      error.code === 'precondition.failed' &&
      error.message === 'user u1 changed while this request ran: read it again and retry',
  );
});

test('a target that cannot be read is the reader’s error, and nothing is written', async () => {
  let wrote = false;
  const notFound = new DomainError('user.not_found', 'user u1 does not exist');
  await assert.rejects(
    writeAtVersion(
      'user u1',
      async (): Promise<typeof stored> => {
        throw notFound;
      },
      undefined,
      async () => (wrote = true),
    ),
    (error: unknown) => error === notFound,
  );
  assert.equal(wrote, false);
});
