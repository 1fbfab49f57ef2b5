/** An instant as epoch milliseconds (UTC). Core works in these; each API converts at its edge. */
export type Instant = number;

/** RFC 3339 in UTC, millisecond precision: exact for every Instant, so it round-trips. */
export const toIso = (at: Instant): string => new Date(at).toISOString();
export const toIsoOrNull = (at: Instant | null): string | null => (at === null ? null : toIso(at));
/** Parses an RFC 3339 string that a schema has already checked. */
export const fromIso = (text: string): Instant => Date.parse(text);
export const fromIsoOrNull = (text: string | null): Instant | null => (text === null ? null : fromIso(text));
