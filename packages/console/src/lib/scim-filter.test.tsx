import { describe, expect, test } from 'vitest';
import { allOf, oneOf, oneOfChunks, quoted } from './scim-filter.js';

describe('scim-filter', () => {
  test('quoted escapes what would end the string', () => {
    expect(quoted('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  test('allOf skips what is not given and brackets each clause', () => {
    expect(allOf(undefined, false, '')).toBeUndefined();
    expect(allOf('a eq "1"')).toBe('a eq "1"');
    expect(allOf('a eq "1"', undefined, 'b eq "2" or b eq "3"')).toBe(
      '(a eq "1") and (b eq "2" or b eq "3")',
    );
  });

  test('oneOfChunks keeps every filter within the API limit and loses no value', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `0000000${i}-0000-7000-8000-000000000000`.slice(-36));
    const chunks = oneOfChunks('id', ids);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2000);
    expect(chunks.join(' or ')).toBe(oneOf('id', ids));
    expect(oneOfChunks('id', [])).toEqual([]);
  });
});
