import { DomainError } from '../../core/errors.js';

/** A Britive filter attribute: the profiled field it reads, and how its values translate. */
export interface FilterField {
  field: string;
  /** Britive's words for values (`status eq active`), as profiled's filter values. */
  values?: Readonly<Record<string, string>>;
}

/** A boolean field's values, as its filter takes them (`isDraft eq false`). */
export const booleans: Readonly<Record<string, string>> = { true: 'true', false: 'false' };

const operators = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const token = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)/gy;

const refused = (why: string) =>
  new DomainError('query.invalid_filter', `invalid filter: ${why}`, [
    { pointer: '/querystring/filter', detail: why },
  ]);

/** A quoted value's text; a quote never closed, or a bad escape, is the filter's 400. */
function quoted(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Refused below.
  }
  throw refused(`${raw} is not a quoted value (a closing " and JSON escapes)`);
}

/**
 * Britive's filter (`name eq profile1`, `name co Admin and status eq active`: values may go
 * unquoted) as a filter of profiled's, over the fields a list offers. Every value is quoted anew,
 * so a value can only ever be a value.
 */
export function britiveFilter(text: string, fields: Readonly<Record<string, FilterField>>): string {
  const words: string[] = [];
  let at = 0;
  token.lastIndex = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    words.push(m[1]!);
    at = token.lastIndex;
  }
  if (text.slice(at).trim() !== '') throw refused(`cannot read "${text.slice(at)}"`);
  const out: string[] = [];
  let depth = 0;
  let i = 0;
  const next = () => words[i++];
  while (i < words.length) {
    const word = next()!;
    const lower = word.toLowerCase();
    if (word === '(' || word === ')' || lower === 'and' || lower === 'or' || lower === 'not') {
      // Balanced, so that the filter stays inside the parentheses a list puts around it.
      depth += word === '(' ? 1 : word === ')' ? -1 : 0;
      if (depth < 0) throw refused('a ")" closes no "("');
      out.push(lower);
      continue;
    }
    const attribute = Object.keys(fields).find((k) => k.toLowerCase() === lower);
    if (attribute === undefined) {
      throw refused(`unknown attribute "${word}"; known: ${Object.keys(fields).join(', ')}`);
    }
    const { field, values } = fields[attribute]!;
    const op = next()?.toLowerCase();
    if (op === 'pr') {
      out.push(`${field} pr`);
      continue;
    }
    if (op === undefined || !operators.has(op)) throw refused(`"${word}" needs an operator (eq, co, sw...)`);
    const raw = next();
    if (raw === undefined || raw === '(' || raw === ')') throw refused(`"${word} ${op}" needs a value`);
    const value = raw.startsWith('"') ? quoted(raw) : raw;
    const translated = values ? values[value.toLowerCase()] : undefined;
    if (values && translated === undefined) {
      throw refused(`"${attribute}" is one of ${Object.keys(values).join(', ')}, not "${value}"`);
    }
    out.push(`${field} ${op} ${translated ?? JSON.stringify(value)}`);
  }
  if (depth !== 0) throw refused('a "(" is never closed');
  return out.join(' ');
}
