import { DomainError } from '../../core/errors.js';
import type { Instant } from '../../core/model/time.js';

/**
 * Visier writes validity bounds as epoch milliseconds in strings, with Java's Long.MIN_VALUE for
 * an open start and Long.MAX_VALUE for a permanent end. Both exceed JavaScript's safe integers,
 * so they are handled as text and BigInt, never as numbers.
 */
export const OPEN_START = '-9223372036854775808';
export const PERMANENT_END = '9223372036854775807';

/** The furthest instant a JavaScript Date holds: anything beyond is an open end. */
const DATE_LIMIT = 8_640_000_000_000_000n;
const EPOCH = /^-?\d{1,19}$/;

/** Parses a validity bound; `null` is an open end (also what an absent field means). */
export function parseEpoch(value: string | number | undefined, field: string): Instant | null {
  if (value === undefined || value === '') return null;
  const text = String(value).trim();
  if (!EPOCH.test(text)) {
    throw new DomainError('validation.failed', `${field} must be epoch milliseconds, e.g. "1571122800000"`, [
      { pointer: `/${field}`, detail: 'must be epoch milliseconds as a string of digits' },
    ]);
  }
  const ms = BigInt(text);
  if (ms <= -DATE_LIMIT || ms >= DATE_LIMIT) return null;
  return Number(ms);
}

export const formatStart = (at: Instant | null): string => (at === null ? OPEN_START : String(at));
export const formatEnd = (at: Instant | null): string => (at === null ? PERMANENT_END : String(at));
