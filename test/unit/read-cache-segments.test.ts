import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READ_CACHE_MAX_AGE_MS, ReadCache, type ChangeSource } from '../../src/core/cache/read-cache.js';

/** A feed in which nothing is ever written: answers go only when the cache's bounds push them out. */
const quiet: ChangeSource = { stamp: () => 0, changedSince: () => false };

function cacheOf(maxEntries: number) {
  const cache = new ReadCache(quiet, { maxEntries, now: Date.now });
  let loads = 0;
  const read = (key: string) =>
    cache.read(key, ['profiles'], () => {
      loads += 1;
      return Promise.resolve({ key });
    });
  return { cache, read, loads: () => loads };
}

test('a scan of answers asked for once does not push out the answers asked for again and again', async () => {
  const { read, loads } = cacheOf(100);
  const hot = Array.from({ length: 50 }, (_, i) => `hot:${i}`);
  for (const key of hot) {
    await read(key);
    await read(key);
  }
  // Ten times the cache's size, each asked for once: an export, a crawler.
  for (let i = 0; i < 1000; i += 1) await read(`scan:${i}`);
  const before = loads();
  for (const key of hot) await read(key);
  assert.equal(loads() - before, 0, 'every answer asked for twice before the scan is still kept');
});

test('an answer asked for once is kept for a while too: the second ask is a hit', async () => {
  const { read, loads } = cacheOf(100);
  await read('once');
  await read('once');
  assert.equal(loads(), 1);
});

test('the cache holds no more than its bound, whatever the mix', async () => {
  const { cache, read } = cacheOf(100);
  for (let i = 0; i < 500; i += 1) {
    await read(`k:${i}`);
    await read(`k:${i}`);
  }
  assert.ok(cache.stats().entries <= 100, `${cache.stats().entries} entries`);
});

test('answers read together expire spread over the last quarter of READ_CACHE_MAX_AGE_MS, not together', async () => {
  let clock = 0;
  const cache = new ReadCache(quiet, { maxEntries: 1000, now: () => clock });
  const keys = Array.from({ length: 200 }, (_, i) => `k:${i}`);
  let loads = 0;
  const readAll = async () => {
    const before = loads;
    for (const key of keys)
      await cache.read(key, ['profiles'], () => {
        loads += 1;
        return Promise.resolve(key);
      });
    return loads - before;
  };
  assert.equal(await readAll(), 200);
  clock = READ_CACHE_MAX_AGE_MS * 0.75 - 1;
  assert.equal(await readAll(), 0, 'none expires before three quarters of the bound');
  clock = READ_CACHE_MAX_AGE_MS * 0.875;
  const expired = await readAll();
  assert.ok(expired > 0 && expired < 200, `${expired} of 200 expired at seven eighths of the bound`);
  clock = READ_CACHE_MAX_AGE_MS * 2;
  assert.equal(await readAll(), 200, 'all expire within the bound of their last read');
});
