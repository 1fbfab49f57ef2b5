import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDS_PER_QUERY, inChunks, inRowChunks } from '../../src/store/query/in-chunks.js';

const SQLITE_MOST_VALUES = 32_766;
const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));

test('ids are read a chunk at a time, each as a list of a power-of-two length, every id once', async () => {
  const ids = Array.from({ length: 25_001 }, (_, i) => `id-${i}`);
  const lists: (readonly string[])[] = [];
  const rows = await inChunks([...ids, ids[0]!, ids[12_345]!], async (list) => {
    lists.push(list);
    return [...new Set(list)];
  });
  assert.deepEqual(rows, ids, 'each id once, in order');
  assert.equal(lists.length, Math.ceil(ids.length / IDS_PER_QUERY));
  for (const list of lists) {
    assert.ok(isPowerOfTwo(list.length), `a list of ${list.length}`);
    assert.ok(list.length <= IDS_PER_QUERY, 'padding takes no list past the bound');
  }
  assert.deepEqual(await inChunks([], async () => ['never']), []);
});

test('rows are written in statements of a power-of-two number of rows, under SQLite’s bound values', async () => {
  const lengths = new Set<number>();
  for (const count of [1, 2, 3, 7, 100, 2047, 2048, 2049, 2520, 9_999, 10_000, 12_345]) {
    const rows = Array.from({ length: count }, (_, i) => ({
      a: i,
      b: null,
      c: 'x',
      d: 0,
      e: 1,
      f: 2,
      g: 3,
      h: 4,
      i: 5,
      j: 6,
      k: 7,
      l: 8,
      m: 9,
    }));
    const written: number[] = [];
    await inRowChunks(rows, async (chunk) => {
      assert.ok(chunk.length * 13 <= SQLITE_MOST_VALUES);
      assert.ok(isPowerOfTwo(chunk.length));
      lengths.add(chunk.length);
      written.push(...chunk.map((r) => r.a));
    });
    assert.deepEqual(
      written,
      rows.map((r) => r.a),
      `all ${count} rows, in order`,
    );
  }
  assert.ok(lengths.size <= 12, 'a dozen statement texts at most');
  let calls = 0;
  await inRowChunks([], async () => (calls += 1));
  assert.equal(calls, 0);
});
