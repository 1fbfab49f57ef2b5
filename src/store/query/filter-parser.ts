import type { CompareOperator, FilterNode, FilterValue } from './filter-ast.js';
import { QueryError } from './query-error.js';

export const MAX_FILTER_LENGTH = 2000;
export const MAX_FILTER_DEPTH = 32;

const compareOperators = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token =
  | { kind: 'lparen' | 'rparen'; position: number }
  | { kind: 'word'; text: string; position: number }
  | { kind: 'value'; value: FilterValue; position: number }
  | { kind: 'end'; position: number };

const fail = (message: string, position: number): never => {
  throw new QueryError('invalid_filter', `${message} at position ${position}`, position);
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', position: i });
      i += 1;
    } else if (c === '"') {
      const start = i;
      i += 1;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) fail('unterminated string starting', start);
      i += 1;
      try {
        tokens.push({ kind: 'value', value: JSON.parse(text.slice(start, i)) as string, position: start });
      } catch {
        fail('invalid escape in string starting', start);
      }
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
      if (!match) return fail(`unexpected "${c}"`, i);
      tokens.push({ kind: 'value', value: Number(match[0]), position: i });
      i += match[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$.:-]*/.exec(text.slice(i))!;
      const word = match[0];
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false')
        tokens.push({ kind: 'value', value: lower === 'true', position: i });
      else if (lower === 'null') tokens.push({ kind: 'value', value: null, position: i });
      else tokens.push({ kind: 'word', text: word, position: i });
      i += word.length;
    } else {
      fail(`unexpected "${c}"`, i);
    }
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2): attribute operators eq ne co sw ew gt ge lt le and
 * pr, `and`, `or`, `not (...)`, parentheses; precedence not > and > or. Errors name the position.
 */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_LENGTH)
    fail(`filter longer than ${MAX_FILTER_LENGTH} characters`, MAX_FILTER_LENGTH);
  if (text.trim() === '') fail('empty filter', 0);
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index]!;
  const next = () => tokens[index++]!;
  const isWord = (token: Token, word: string) => token.kind === 'word' && token.text.toLowerCase() === word;
  const describe = (token: Token) =>
    token.kind === 'end'
      ? 'end of filter'
      : token.kind === 'word'
        ? `"${token.text}"`
        : token.kind === 'value'
          ? `value ${JSON.stringify(token.value)}`
          : `"${token.kind === 'lparen' ? '(' : ')'}"`;

  const parseOr = (depth: number): FilterNode => {
    let left = parseAnd(depth);
    while (isWord(peek(), 'or')) {
      next();
      left = { type: 'or', left, right: parseAnd(depth) };
    }
    return left;
  };

  const parseAnd = (depth: number): FilterNode => {
    let left = parseUnary(depth);
    while (isWord(peek(), 'and')) {
      next();
      left = { type: 'and', left, right: parseUnary(depth) };
    }
    return left;
  };

  const parseGroup = (depth: number): FilterNode => {
    const open = next();
    if (open.kind !== 'lparen') return fail(`expected "(" but found ${describe(open)}`, open.position);
    if (depth >= MAX_FILTER_DEPTH)
      fail(`filter nested deeper than ${MAX_FILTER_DEPTH} levels`, open.position);
    const inner = parseOr(depth + 1);
    const close = next();
    if (close.kind !== 'rparen') fail(`expected ")" but found ${describe(close)}`, close.position);
    return inner;
  };

  const parseUnary = (depth: number): FilterNode => {
    const token = peek();
    if (isWord(token, 'not')) {
      next();
      return { type: 'not', expression: parseGroup(depth) };
    }
    if (token.kind === 'lparen') return parseGroup(depth);
    if (token.kind !== 'word')
      return fail(`expected an attribute but found ${describe(token)}`, token.position);
    next();
    const op = next();
    if (op.kind !== 'word')
      return fail(`expected an operator after "${token.text}" but found ${describe(op)}`, op.position);
    const operator = op.text.toLowerCase();
    if (operator === 'pr') return { type: 'present', attribute: token.text, position: token.position };
    if (!compareOperators.has(operator)) return fail(`unknown operator "${op.text}"`, op.position);
    const value = next();
    if (value.kind !== 'value')
      return fail(`expected a value after "${op.text}" but found ${describe(value)}`, value.position);
    return {
      type: 'compare',
      attribute: token.text,
      operator: operator as CompareOperator,
      value: value.value,
      position: token.position,
      valuePosition: value.position,
    };
  };

  const tree = parseOr(0);
  const rest = peek();
  if (rest.kind !== 'end') fail(`unexpected ${describe(rest)}`, rest.position);
  return tree;
}
