import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeCursor, encodeCursor } from '../../src/store/query/cursor.js';
import type { FieldMap } from '../../src/store/query/fields.js';
import type { FilterNode } from '../../src/store/query/filter-ast.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from '../../src/store/query/filter-parser.js';
import { filterToSql } from '../../src/store/query/filter-sql.js';
import { QueryError } from '../../src/store/query/query-error.js';
import { MAX_SORT_KEYS, parseSort, sortSignature } from '../../src/store/query/sort.js';

const fields: FieldMap = {
  id: { column: 'things.id', type: 'string', sortable: true },
  name: { column: 'things.name', type: 'string', sortable: true },
  email: { column: 'things.email', type: 'string' },
  size: { column: 'things.size', type: 'number' },
  enabled: { column: 'things.enabled', type: 'boolean' },
  createdAt: { column: 'things.created_at', type: 'instant', sortable: true },
};

/** Asserts `run` throws a QueryError of `kind`, at `position` when given, whose message matches. */
function rejects(
  run: () => unknown,
  kind: QueryError['kind'],
  expected: { position?: number; message?: RegExp } = {},
): QueryError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof QueryError, `expected a QueryError, got ${String(caught)}`);
  assert.equal(caught.kind, kind);
  if (expected.position !== undefined) {
    assert.equal(caught.position, expected.position, caught.message);
    assert.match(caught.message, new RegExp(`at position ${expected.position}\\b`));
  }
  if (expected.message) assert.match(caught.message, expected.message);
  return caught;
}

const filterError = (text: string, position: number, message?: RegExp) =>
  rejects(() => parseFilter(text), 'invalid_filter', { position, ...(message && { message }) });

const compare = (
  attribute: string,
  operator: string,
  value: unknown,
  position: number,
  valuePosition: number,
) => ({
  type: 'compare',
  attribute,
  operator,
  value,
  position,
  valuePosition,
});

/** The tree with positions removed, to compare shapes. */
function shape(node: FilterNode): unknown {
  switch (node.type) {
    case 'and':
    case 'or':
      return [node.type, shape(node.left), shape(node.right)];
    case 'not':
      return ['not', shape(node.expression)];
    case 'present':
      return `${node.attribute} pr`;
    case 'compare':
      return `${node.attribute} ${node.operator} ${JSON.stringify(node.value)}`;
  }
}

describe('filter parser: comparisons', () => {
  for (const operator of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
    test(`"${operator}" compares an attribute with a value`, () => {
      assert.deepEqual(parseFilter(`name ${operator} "x"`), compare('name', operator, 'x', 0, 8));
    });
  }

  test('operators and attribute names are matched without regard to case', () => {
    assert.deepEqual(parseFilter('userName EQ "Bob"'), compare('userName', 'eq', 'Bob', 0, 12));
    assert.deepEqual(parseFilter('name Sw "a"'), compare('name', 'sw', 'a', 0, 8));
  });

  test('"pr" tests presence and takes no value', () => {
    assert.deepEqual(parseFilter('email pr'), { type: 'present', attribute: 'email', position: 0 });
    assert.deepEqual(parseFilter('email PR'), { type: 'present', attribute: 'email', position: 0 });
    assert.deepEqual(shape(parseFilter('email pr and name eq "a"')), ['and', 'email pr', 'name eq "a"']);
  });

  test('attribute paths may contain dots, colons and dashes', () => {
    assert.equal(shape(parseFilter('directory.provider eq "ad"')), 'directory.provider eq "ad"');
    assert.equal(
      shape(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"')),
      'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"',
    );
  });

  test('whitespace of any kind separates tokens and is otherwise ignored', () => {
    assert.deepEqual(parseFilter('  name \t eq\n"x"  '), compare('name', 'eq', 'x', 2, 12));
    assert.deepEqual(shape(parseFilter('(name eq "a")or(name eq "b")')), [
      'or',
      'name eq "a"',
      'name eq "b"',
    ]);
  });
});

describe('filter parser: literals', () => {
  const valueOf = (literal: string) => {
    const node = parseFilter(`size eq ${literal}`);
    assert.equal(node.type, 'compare');
    return node.type === 'compare' ? node.value : undefined;
  };

  test('numbers: integers, negatives, decimals and exponents', () => {
    assert.equal(valueOf('42'), 42);
    assert.equal(valueOf('0'), 0);
    assert.equal(valueOf('-7'), -7);
    assert.equal(valueOf('3.25'), 3.25);
    assert.equal(valueOf('1e3'), 1000);
    assert.equal(valueOf('-2.5E-2'), -0.025);
  });

  test('booleans and null, in any case', () => {
    assert.equal(valueOf('true'), true);
    assert.equal(valueOf('false'), false);
    assert.equal(valueOf('TRUE'), true);
    assert.equal(valueOf('False'), false);
    assert.equal(valueOf('null'), null);
    assert.equal(valueOf('NULL'), null);
  });

  test('a quoted string is a string even when it looks like another literal', () => {
    assert.equal(valueOf('"42"'), '42');
    assert.equal(valueOf('"true"'), 'true');
    assert.equal(valueOf('"null"'), 'null');
    assert.equal(valueOf('""'), '');
  });

  test('quoted strings decode JSON escapes', () => {
    assert.equal(valueOf(String.raw`"say \"hi\""`), 'say "hi"');
    assert.equal(valueOf(String.raw`"back\\slash"`), 'back\\slash');
    assert.equal(valueOf(String.raw`"caf\u00e9"`), 'café');
    assert.equal(valueOf(String.raw`"a\tb\nc"`), 'a\tb\nc');
    assert.equal(valueOf(String.raw`"a\/b"`), 'a/b');
  });

  test('keywords, parentheses and quotes inside a string are part of the string', () => {
    assert.deepEqual(parseFilter(String.raw`name eq "x) or (name eq \"y\"" and size gt 1`), {
      type: 'and',
      left: compare('name', 'eq', 'x) or (name eq "y"', 0, 8),
      right: compare('size', 'gt', 1, 35, 43),
    });
  });

  test('non-ASCII text in strings is kept as is', () => {
    assert.equal(valueOf('"Ébène 東京"'), 'Ébène 東京');
  });
});

describe('filter parser: logical operators', () => {
  test('and, or and not build the corresponding nodes', () => {
    assert.deepEqual(parseFilter('name eq "a" and size gt 1'), {
      type: 'and',
      left: compare('name', 'eq', 'a', 0, 8),
      right: compare('size', 'gt', 1, 16, 24),
    });
    assert.deepEqual(shape(parseFilter('name eq "a" or size gt 1')), ['or', 'name eq "a"', 'size gt 1']);
    assert.deepEqual(shape(parseFilter('not (name eq "a")')), ['not', 'name eq "a"']);
  });

  test('logical keywords are matched without regard to case', () => {
    assert.deepEqual(shape(parseFilter('name eq "a" AND size gt 1 Or NOT (enabled eq true)')), [
      'or',
      ['and', 'name eq "a"', 'size gt 1'],
      ['not', 'enabled eq true'],
    ]);
  });

  test('and binds tighter than or, whichever comes first', () => {
    assert.deepEqual(shape(parseFilter('name eq "a" or name eq "b" and size gt 1')), [
      'or',
      'name eq "a"',
      ['and', 'name eq "b"', 'size gt 1'],
    ]);
    assert.deepEqual(shape(parseFilter('name eq "a" and size gt 1 or name eq "b"')), [
      'or',
      ['and', 'name eq "a"', 'size gt 1'],
      'name eq "b"',
    ]);
  });

  test('not applies to its group only, and binds tighter than and', () => {
    assert.deepEqual(shape(parseFilter('not (name eq "a") and size gt 1')), [
      'and',
      ['not', 'name eq "a"'],
      'size gt 1',
    ]);
    assert.deepEqual(shape(parseFilter('not (name eq "a" or size gt 1)')), [
      'not',
      ['or', 'name eq "a"', 'size gt 1'],
    ]);
  });

  test('chains of the same operator group to the left', () => {
    assert.deepEqual(shape(parseFilter('size eq 1 or size eq 2 or size eq 3')), [
      'or',
      ['or', 'size eq 1', 'size eq 2'],
      'size eq 3',
    ]);
    assert.deepEqual(shape(parseFilter('size eq 1 and size eq 2 and size eq 3')), [
      'and',
      ['and', 'size eq 1', 'size eq 2'],
      'size eq 3',
    ]);
  });

  test('parentheses override precedence', () => {
    assert.deepEqual(shape(parseFilter('(name eq "a" or name eq "b") and size gt 1')), [
      'and',
      ['or', 'name eq "a"', 'name eq "b"'],
      'size gt 1',
    ]);
    assert.deepEqual(shape(parseFilter('name eq "a" and (size gt 1 or (enabled eq true))')), [
      'and',
      'name eq "a"',
      ['or', 'size gt 1', 'enabled eq true'],
    ]);
    assert.deepEqual(shape(parseFilter('((name eq "a"))')), 'name eq "a"');
  });

  test(`groups may nest ${MAX_FILTER_DEPTH} levels deep, not deeper`, () => {
    const nested = (depth: number) => `${'('.repeat(depth)}name eq "a"${')'.repeat(depth)}`;
    assert.equal(shape(parseFilter(nested(MAX_FILTER_DEPTH))), 'name eq "a"');
    filterError(nested(MAX_FILTER_DEPTH + 1), MAX_FILTER_DEPTH, /nested deeper/);
  });
});

describe('filter parser: malformed filters name the position', () => {
  test('an empty or blank filter', () => {
    filterError('', 0, /empty filter/);
    filterError('   \t', 0, /empty filter/);
  });

  test('an unterminated string, at its opening quote', () => {
    filterError('name eq "abc', 8, /unterminated string/);
    filterError('name eq "abc\\"', 8, /unterminated string/);
    filterError('name eq "abc\\', 8, /unterminated string/);
  });

  test('an invalid escape in a string, at its opening quote', () => {
    filterError('size gt 1 and name eq "a\\qb"', 22, /invalid escape/);
  });

  test('an unknown operator, at the operator', () => {
    filterError('name xx "a"', 5, /unknown operator "xx"/);
    filterError('name eq "a" and size equals 1', 21, /unknown operator "equals"/);
  });

  test('a missing operator, where it should be', () => {
    filterError('name', 4, /expected an operator after "name" but found end of filter/);
    filterError('name "a"', 5, /expected an operator after "name" but found value "a"/);
  });

  test('a missing value, where it should be', () => {
    filterError('name eq', 7, /expected a value after "eq" but found end of filter/);
    filterError('name eq and size gt 1', 8, /expected a value after "eq" but found "and"/);
    filterError('(name eq)', 8, /expected a value after "eq" but found "\)"/);
  });

  test('a missing attribute, where it should be', () => {
    filterError('"name" eq "a"', 0, /expected an attribute but found value "name"/);
    filterError('name eq "a" and', 15, /expected an attribute but found end of filter/);
    filterError('name eq "a" or )', 15, /expected an attribute but found "\)"/);
    filterError('()', 1, /expected an attribute but found "\)"/);
  });

  test('an unclosed parenthesis, at the end of the filter', () => {
    filterError('(name eq "a"', 12, /expected "\)" but found end of filter/);
    filterError('((name eq "a") and size gt 1', 28, /expected "\)" but found end of filter/);
  });

  test('an unopened parenthesis, at the parenthesis', () => {
    filterError('name eq "a")', 11, /unexpected "\)"/);
    filterError('(name eq "a"))', 13, /unexpected "\)"/);
  });

  test('not without a parenthesised group, at what follows it', () => {
    filterError('not name eq "a"', 4, /expected "\(" but found "name"/);
    filterError('not', 3, /expected "\(" but found end of filter/);
  });

  test('trailing garbage after a complete filter, at the garbage', () => {
    filterError('name eq "a" "b"', 12, /unexpected value "b"/);
    filterError('name eq "a" size gt 1', 12, /unexpected "size"/);
    filterError('name eq "a" 7', 12, /unexpected value 7/);
    filterError('size eq 5abc', 9, /unexpected "abc"/);
  });

  test('characters outside the grammar, at the character', () => {
    filterError('name eq "a" & size gt 1', 12, /unexpected "&"/);
    filterError("name eq 'a'", 8, /unexpected "'"/);
    filterError('size eq -', 8, /unexpected "-"/);
    filterError('size eq 1.', 9, /unexpected "\."/);
  });

  test(`a filter longer than ${MAX_FILTER_LENGTH} characters`, () => {
    const long = `name eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
    filterError(long, MAX_FILTER_LENGTH, /longer than/);
    const justFits = `name eq "${'x'.repeat(MAX_FILTER_LENGTH - 10)}"`;
    assert.equal(justFits.length, MAX_FILTER_LENGTH);
    assert.equal(parseFilter(justFits).type, 'compare');
  });
});

describe('filter compilation checks attributes and value types against the field map', () => {
  const compile = (text: string) => filterToSql(parseFilter(text), fields);
  const compileError = (text: string, position: number, message: RegExp) =>
    rejects(() => compile(text), 'invalid_filter', { position, message });

  test('known attributes, in any case, compile', () => {
    compile('NAME eq "a" and Size gt 1 and enabled eq false and createdAt ge "2026-01-31T00:00:00Z"');
    compile('email pr or not (email eq null)');
  });

  test('an unknown attribute is rejected at its position, listing the known ones', () => {
    const error = compileError('name eq "a" and colour eq "red"', 16, /unknown attribute "colour"/);
    assert.match(error.message, /known: id, name, email, size, enabled, createdAt/);
    compileError('colour pr', 0, /unknown attribute "colour"/);
  });

  test('a value of the wrong type is rejected at the value', () => {
    compileError('enabled eq "yes"', 11, /"enabled" takes true or false/);
    compileError('size eq "5"', 8, /"size" takes a whole number/);
    // Number and instant columns are integers: a fraction or a number beyond them never reaches SQL.
    compileError('size eq 1.5', 8, /"size" takes a whole number/);
    compileError('size gt 1e30', 8, /"size" takes a whole number/);
    compileError('createdAt gt 1e30', 13, /"createdAt" takes epoch milliseconds or an RFC 3339 instant/);
    compileError('name eq 5', 8, /"name" takes a string/);
    compileError('createdAt gt "last tuesday"', 13, /"createdAt" takes an RFC 3339 instant/);
    compileError('createdAt gt true', 13, /"createdAt" takes an RFC 3339 instant/);
  });

  test('operators that do not apply to the attribute are rejected', () => {
    compileError('size eq 1 and createdAt co "2026"', 14, /"co" applies to strings/);
    compileError('size sw 1', 0, /"sw" applies to strings/);
    compileError('enabled gt false', 0, /"gt" does not apply to the boolean "enabled"/);
    compileError('name lt null', 8, /"lt" cannot compare with null/);
  });
});

describe('sort parsing', () => {
  const keys = (text: string | undefined, defaultSort = 'name') =>
    parseSort(text, fields, defaultSort).map((k) => `${k.descending ? '-' : '+'}${k.field}:${k.column}`);

  test('fields in order, "-" for descending, with id appended as the last key', () => {
    assert.deepEqual(keys('name,-createdAt'), [
      '+name:things.name',
      '-createdAt:things.created_at',
      '+id:things.id',
    ]);
    assert.deepEqual(keys('-createdAt,name'), [
      '-createdAt:things.created_at',
      '+name:things.name',
      '+id:things.id',
    ]);
  });

  test('"+" and spaces around fields are accepted; names match without regard to case', () => {
    assert.deepEqual(keys(' +NAME , -CreatedAt '), [
      '+name:things.name',
      '-createdAt:things.created_at',
      '+id:things.id',
    ]);
  });

  test('an explicit id is not appended again and keeps its direction', () => {
    assert.deepEqual(keys('-id'), ['-id:things.id']);
    assert.deepEqual(keys('name,-id'), ['+name:things.name', '-id:things.id']);
  });

  test('no sort, or a blank one, uses the default', () => {
    assert.deepEqual(keys(undefined, '-createdAt'), ['-createdAt:things.created_at', '+id:things.id']);
    assert.deepEqual(keys('  ', '-createdAt'), ['-createdAt:things.created_at', '+id:things.id']);
  });

  test('the signature is canonical, so equivalent spellings share cursors', () => {
    const signature = (text: string) => sortSignature(parseSort(text, fields, 'name'));
    assert.equal(signature('name,-createdAt'), 'name,-createdAt,id');
    assert.equal(signature(' +NAME,-createdat'), signature('name,-createdAt'));
    assert.notEqual(signature('name,createdAt'), signature('name,-createdAt'));
    assert.notEqual(signature('createdAt,name'), signature('name,createdAt'));
  });

  test('an unknown field is rejected, naming it', () => {
    rejects(() => parseSort('name,colour', fields, 'name'), 'invalid_sort', {
      message: /unknown attribute "colour"/,
    });
  });

  test('a field that is not sortable is rejected, listing the sortable ones', () => {
    rejects(() => parseSort('email', fields, 'name'), 'invalid_sort', {
      message: /cannot sort by "email"; sortable: id, name, createdAt/,
    });
  });

  test('a field given twice is rejected, whatever its direction or case', () => {
    rejects(() => parseSort('name,-name', fields, 'name'), 'invalid_sort', { message: /appears twice/ });
    rejects(() => parseSort('name,NAME', fields, 'name'), 'invalid_sort', { message: /appears twice/ });
    rejects(() => parseSort('id,-createdAt,-id', fields, 'name'), 'invalid_sort', {
      message: /appears twice/,
    });
  });

  test('an empty field is rejected', () => {
    rejects(() => parseSort('name,', fields, 'name'), 'invalid_sort', { message: /empty sort field/ });
    rejects(() => parseSort('-', fields, 'name'), 'invalid_sort', { message: /empty sort field/ });
    rejects(() => parseSort(',name', fields, 'name'), 'invalid_sort', { message: /empty sort field/ });
  });

  test(`more than ${MAX_SORT_KEYS} fields are rejected`, () => {
    const many: FieldMap = Object.fromEntries(
      ['id', 'a', 'b', 'c', 'd', 'e'].map((k) => [k, { column: `t.${k}`, type: 'string', sortable: true }]),
    );
    assert.equal(parseSort('a,b,c,d', many, 'a').length, 5);
    rejects(() => parseSort('a,b,c,d,e', many, 'a'), 'invalid_sort', { message: /at most 4/ });
  });
});

describe('cursors', () => {
  const sort = 'name,-createdAt,id';
  const filter = 'name sw "a"';
  /** The types of the sort's keys: name, createdAt, id. */
  const keys = [{ type: 'string' }, { type: 'instant' }, { type: 'string' }] as const;

  test('a cursor reads back the values it was issued with', () => {
    const cursor = encodeCursor(sort, filter, ['alice', 1767225600000, '0190-id']);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'cursors are URL-safe');
    assert.deepEqual(decodeCursor(cursor, sort, filter, keys), ['alice', 1767225600000, '0190-id']);
    const unfiltered = encodeCursor(sort, undefined, ['a', 1, 'b']);
    assert.deepEqual(decodeCursor(unfiltered, sort, undefined, keys), ['a', 1, 'b']);
  });

  test('values with quotes, commas and non-ASCII survive the round trip', () => {
    const values = ['O"Brien, Ébène 東京', -5, ''];
    assert.deepEqual(decodeCursor(encodeCursor(sort, filter, values), sort, filter, keys), values);
  });

  test('a cursor used with another sort is rejected', () => {
    const cursor = encodeCursor(sort, filter, ['alice', 1, 'x']);
    rejects(() => decodeCursor(cursor, 'name,createdAt,id', filter, keys), 'invalid_cursor', {
      message: /another sort or filter/,
    });
    rejects(() => decodeCursor(cursor, 'createdAt,name,id', filter, keys), 'invalid_cursor', {
      message: /another sort or filter/,
    });
  });

  test('a cursor used with another filter, or with none, is rejected', () => {
    const cursor = encodeCursor(sort, filter, ['alice', 1, 'x']);
    rejects(() => decodeCursor(cursor, sort, 'name sw "b"', keys), 'invalid_cursor', {
      message: /another sort or filter/,
    });
    rejects(() => decodeCursor(cursor, sort, undefined, keys), 'invalid_cursor', {
      message: /another sort or filter/,
    });
    const unfiltered = encodeCursor(sort, undefined, ['alice', 1, 'x']);
    rejects(() => decodeCursor(unfiltered, sort, filter, keys), 'invalid_cursor', {
      message: /another sort or filter/,
    });
  });

  test('garbage and truncated cursors are rejected', () => {
    const cursor = encodeCursor(sort, filter, ['alice', 1, 'x']);
    for (const bad of ['', 'garbage', '!!!!', cursor.slice(0, -3), cursor.slice(5), `${cursor}AAAA`]) {
      rejects(() => decodeCursor(bad, sort, filter, keys), 'invalid_cursor', {
        message: /not one this API issued/,
      });
    }
  });

  test('tampered cursors that do not have the issued shape are rejected', () => {
    const forge = (body: unknown) => Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
    const genuine = JSON.parse(
      Buffer.from(encodeCursor(sort, filter, ['a', 1, 'x']), 'base64url').toString(),
    );
    const forged = [
      null,
      42,
      'text',
      [],
      {},
      { ...genuine, v: ['a', 1] },
      { ...genuine, v: ['a', 1, 'x', 'extra'] },
      { ...genuine, v: ['a', { $gt: '' }, 'x'] },
      { ...genuine, v: ['a', null, 'x'] },
      { ...genuine, v: ['a', true, 'x'] },
      // Values outside their column's type: PostgreSQL would refuse them (a 500 once).
      { ...genuine, v: ['a', 1.5, 'x'] },
      { ...genuine, v: ['a', 1e30, 'x'] },
      { ...genuine, v: ['a', '1', 'x'] },
      { ...genuine, v: [1, 1, 'x'] },
      { ...genuine, v: 'a,1,x' },
      { ...genuine, s: 1 },
      { s: genuine.s, v: genuine.v },
    ];
    for (const body of forged) {
      rejects(() => decodeCursor(forge(body), sort, filter, keys), 'invalid_cursor', {
        message: /not one this API issued/,
      });
    }
    rejects(() => decodeCursor(forge({ ...genuine, s: 'id' }), sort, filter, keys), 'invalid_cursor');
    rejects(
      () => decodeCursor(forge({ ...genuine, f: 'AAAAAAAAAAAA' }), sort, filter, keys),
      'invalid_cursor',
    );
    assert.deepEqual(decodeCursor(forge(genuine), sort, filter, keys), ['a', 1, 'x']);
  });
});
