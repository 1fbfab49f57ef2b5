import { describe, expect, test } from 'vitest';
import { describeValue, diffFields } from './audit-diff.js';
import { auditFilter, noCriteria } from './audit-filter.js';

describe('diffFields', () => {
  test('a changed field has its old and new value; unchanged ones are kept as such', () => {
    expect(diffFields({ a: 1, b: 'x' }, { a: 2, b: 'x' })).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'b', kind: 'unchanged', before: 'x', after: 'x' },
    ]);
  });

  test('fields only after are added, only before are removed', () => {
    expect(diffFields({ gone: true }, { come: 'yes' })).toEqual([
      { path: 'come', kind: 'added', after: 'yes' },
      { path: 'gone', kind: 'removed', before: true },
    ]);
  });

  test('a create (before null) adds every field, a delete removes every field', () => {
    expect(diffFields(null, { id: 'p1' })).toEqual([{ path: 'id', kind: 'added', after: 'p1' }]);
    expect(diffFields({ id: 'p1' }, null)).toEqual([{ path: 'id', kind: 'removed', before: 'p1' }]);
  });

  test('nested objects are flattened into dotted paths; arrays compare whole', () => {
    expect(
      diffFields(
        { directory: { groups: ['A'], sid: null }, tags: [1, 2] },
        { directory: { groups: ['A', 'B'], sid: null }, tags: [1, 2] },
      ),
    ).toEqual([
      { path: 'directory.groups', kind: 'changed', before: ['A'], after: ['A', 'B'] },
      { path: 'directory.sid', kind: 'unchanged', before: null, after: null },
      { path: 'tags', kind: 'unchanged', before: [1, 2], after: [1, 2] },
    ]);
  });

  test('a field that turns from an object into a value is one change', () => {
    expect(diffFields({ x: { y: 1 } }, { x: null })).toEqual([
      { path: 'x', kind: 'changed', before: { y: 1 }, after: null },
    ]);
  });

  test('bare values and nothing at all', () => {
    expect(diffFields('a', 'b')).toEqual([{ path: '(value)', kind: 'changed', before: 'a', after: 'b' }]);
    expect(diffFields(null, null)).toEqual([]);
  });
});

test('describeValue shows the date beside an instant kept in milliseconds', () => {
  expect(describeValue('validUntil', 1798761600000)).toBe('1798761600000 (2027-01-01 00:00 UTC)');
  expect(describeValue('version', 2)).toBe('2');
  expect(describeValue('name', 'ANALYST')).toBe('ANALYST');
  expect(describeValue('roles', ['a'])).toBe('["a"]');
});

describe('auditFilter', () => {
  test('nothing narrows: no filter', () => {
    expect(auditFilter(noCriteria)).toBeUndefined();
  });

  test('text fields are quoted, the action is a prefix, the time range is [from, until)', () => {
    expect(
      auditFilter({
        ...noCriteria,
        actor: 'user:ada "the" lovelace',
        action: 'assignment.',
        from: Date.UTC(2026, 11, 1),
        until: Date.UTC(2026, 11, 2),
      }),
    ).toBe(
      '(actor eq "user:ada \\"the\\" lovelace") and (action sw "assignment.") and (at ge "2026-12-01T00:00:00.000Z") and (at lt "2026-12-02T00:00:00.000Z")',
    );
    expect(auditFilter({ ...noCriteria, requestId: ' r1 ' })).toBe('requestId eq "r1"');
  });
});
