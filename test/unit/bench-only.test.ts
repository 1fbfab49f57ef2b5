// BENCH_ONLY narrows a run to the rows being worked on: a developer measuring one change should
// not wait twenty minutes for rows it cannot move.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadBenchConfig, selected } from '../../bench/config.js';

describe('BENCH_ONLY', () => {
  test('unset, every row runs', () => {
    const config = loadBenchConfig({}, []);
    assert.deepEqual(config.only, []);
    assert.equal(selected(config, 'POST /v1/access/check'), true);
    assert.equal(selected(config, 'cold start to first 200 (seeded)'), true);
  });

  test('a comma list selects the rows containing any of its parts, in any case', () => {
    const config = loadBenchConfig({ BENCH_ONLY: ' ACCESS/check , Cold ,' }, []);
    assert.deepEqual(config.only, ['access/check', 'cold']);
    assert.equal(selected(config, 'POST /v1/access/check'), true);
    assert.equal(selected(config, 'cold start to first 200 (empty database)'), true);
    assert.equal(selected(config, 'GET /v1/users/{id}/access'), false);
    assert.equal(selected(config, 'bulk assign 10,000 users, atomic'), false);
  });
});
