/** An instant as epoch milliseconds (UTC). Core works in these; each API converts at its edge. */
export type Instant = number;

/** RFC 3339 in UTC, millisecond precision: exact for every Instant, so it round-trips. */
export const toIso = (at: Instant): string => new Date(at).toISOString();
export const toIsoOrNull = (at: Instant | null): string | null => (at === null ? null : toIso(at));
/** Parses an RFC 3339 string that a schema has already checked. */
export const fromIso = (text: string): Instant => Date.parse(text);
export const fromIsoOrNull = (text: string | null): Instant | null => (text === null ? null : fromIso(text));

/**
 * The instants every API can show back: RFC 3339's years 0000 to 9999, in UTC. Outside them a
 * date has no RFC 3339 form (and other APIs' formats break), so no API may store one.
 */
export const EARLIEST_INSTANT: Instant = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
export const LATEST_INSTANT: Instant = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
export const isShowableInstant = (at: Instant): boolean =>
  Number.isSafeInteger(at) && at >= EARLIEST_INSTANT && at <= LATEST_INSTANT;

/** Whether a window (`from` inclusive, `until` exclusive, null: open) contains the instant. */
export const windowContains = (from: Instant | null, until: Instant | null, at: Instant): boolean =>
  (from === null || from <= at) && (until === null || until > at);
