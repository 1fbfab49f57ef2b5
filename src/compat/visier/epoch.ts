import { DomainError } from '../../core/errors.js';
import { EARLIEST_INSTANT, LATEST_INSTANT, type Instant } from '../../core/model/time.js';

/**
 * Visier writes validity bounds as epoch milliseconds in strings, with Java's Long.MIN_VALUE for
 * an open start and Long.MAX_VALUE for a permanent end. Both exceed JavaScript's safe integers,
 * so they are handled as text, never as numbers.
 */
export const OPEN_START = '-9223372036854775808';
export const PERMANENT_END = '9223372036854775807';

/** A canonical integer: no sign but a minus, no leading zeros, no spaces, no "-0". */
const CANONICAL = /^(0|-?[1-9]\d*)$/;

type Bound = 'start' | 'end';
const OPEN: Record<Bound, string> = { start: OPEN_START, end: PERMANENT_END };

const refused = (field: string, detail: string) =>
  new DomainError('validation.failed', `${field} ${detail}`, [{ pointer: `/${field}`, detail }]);

/**
 * Parses a validity bound; `null` is an open end. Only the marker of its own end is open: the
 * start's `-9223372036854775808` and the end's `9223372036854775807` (and an absent field). Any
 * other value is a canonical integer of milliseconds that round-trips exactly and that every API
 * can show back (years 0000 to 9999), or a 400 saying why: a value is never guessed, so a window
 * never opens by accident.
 */
export function parseEpoch(value: string | number | undefined, field: string, bound: Bound): Instant | null {
  if (value === undefined) return null;
  const text = String(value);
  if (text === OPEN[bound]) return null;
  if (text === OPEN.start || text === OPEN.end) {
    throw refused(field, `must not be ${text}: that marks an open ${bound === 'start' ? 'end' : 'start'}`);
  }
  if (!CANONICAL.test(text)) {
    throw refused(
      field,
      `must be epoch milliseconds as a string of digits, e.g. "1571122800000" (got "${text}")`,
    );
  }
  const ms = Number(text);
  if (!Number.isSafeInteger(ms) || ms < EARLIEST_INSTANT || ms > LATEST_INSTANT || String(ms) !== text) {
    throw refused(
      field,
      `must lie between ${EARLIEST_INSTANT} and ${LATEST_INSTANT} (years 0000 to 9999), or be ${OPEN[bound]} for an open ${bound}`,
    );
  }
  return ms;
}

/** The validity window of a Visier request; an end not after its start is refused. */
export function parseWindow(body: {
  validityStartTime?: string | number | undefined;
  validityEndTime?: string | number | undefined;
}): { validFrom: Instant | null; validUntil: Instant | null } {
  const validFrom = parseEpoch(body.validityStartTime, 'validityStartTime', 'start');
  const validUntil = parseEpoch(body.validityEndTime, 'validityEndTime', 'end');
  if (validFrom !== null && validUntil !== null && validUntil <= validFrom) {
    throw refused('validityEndTime', 'must be after validityStartTime (the end is exclusive)');
  }
  return { validFrom, validUntil };
}

export const formatStart = (at: Instant | null): string => (at === null ? OPEN_START : String(at));
export const formatEnd = (at: Instant | null): string => (at === null ? PERMANENT_END : String(at));
