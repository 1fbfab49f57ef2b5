/**
 * Errors with which a database refuses a value as such (not a bug of the query): a NUL byte in
 * text, a string where a number belongs, a number out of its column's range. The API layers
 * answer them as 400 when nothing before the database caught the value: the last line of defence.
 */
const POSTGRES_CODES: Readonly<Record<string, string>> = {
  '22021': 'text the database cannot store (a NUL character?)',
  '22P02': 'a value of the wrong type',
  '22003': 'a number out of range',
  '22007': 'a malformed date or time',
  '22008': 'a date or time out of range',
  '22001': 'a value too long',
  '54000': 'a value too large for the database',
};
const SQLITE_CODES: Readonly<Record<string, string>> = {
  SQLITE_MISMATCH: 'a value of the wrong type',
  SQLITE_TOOBIG: 'a value too large for the database',
  SQLITE_RANGE: 'a value out of range',
};

/** What the database refused, in words; undefined when `error` is not such a refusal. */
export function refusedInput(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return Object.hasOwn(POSTGRES_CODES, code)
    ? POSTGRES_CODES[code]
    : Object.hasOwn(SQLITE_CODES, code)
      ? SQLITE_CODES[code]
      : undefined;
}
