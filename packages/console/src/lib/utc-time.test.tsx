import { describe, expect, test } from 'vitest';
import { formatInstant, fromInputValue, hourFloor, toInputValue } from './utc-time.js';

describe('utc-time', () => {
  test('instants are shown and read in UTC, whatever the time zone', () => {
    const ms = Date.UTC(2026, 11, 9, 20, 23, 11);
    expect(formatInstant(ms)).toBe('2026-12-09 20:23 UTC');
    expect(toInputValue(ms)).toBe('2026-12-09T20:23');
    expect(fromInputValue('2026-12-09T20:23')).toBe(Date.UTC(2026, 11, 9, 20, 23));
    expect(fromInputValue('2026-12-09T20:23:00+01:00')).toBe(Date.UTC(2026, 11, 9, 19, 23));
  });

  test('an empty or broken field is no instant', () => {
    expect(fromInputValue('')).toBeUndefined();
    expect(fromInputValue('yesterday')).toBeUndefined();
  });

  test('hourFloor', () => {
    expect(hourFloor(Date.UTC(2026, 0, 1, 5, 59, 59))).toBe(Date.UTC(2026, 0, 1, 5));
  });
});
