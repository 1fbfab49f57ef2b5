// What a SQLite database runs with, as opened by the service: the durability of writes and a page
// cache and memory map large enough for millions of rows (docs/performance.md).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/database.js';

const dir = mkdtempSync(join(tmpdir(), 'profiled-sqlite-settings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a SQLite file is opened in WAL mode, synchronous FULL, with a 64 MiB page cache and a 1 GiB map', async () => {
  const database = openDatabase({ url: `sqlite:${join(dir, 'p.db')}` });
  try {
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 2);
    assert.equal(await pragma('cache_size'), -64 * 1024, 'KiB, as a negative number says');
    assert.equal(await pragma('mmap_size'), 1024 ** 3);
  } finally {
    await database.close();
  }
});
