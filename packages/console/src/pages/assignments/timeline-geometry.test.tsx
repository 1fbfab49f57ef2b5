import { describe, expect, test } from 'vitest';
import { dayMs } from '../../lib/utc-time.js';
import {
  assignLanes,
  placeBar,
  presetRange,
  shiftRange,
  ticks,
  windowStatus,
  zoomRange,
} from './timeline-geometry.js';

const range = { start: 0, end: 100 * dayMs };

describe('placeBar', () => {
  test('a closed window inside the range is placed in percent of its width', () => {
    expect(placeBar({ from: 10 * dayMs, until: 30 * dayMs }, range)).toEqual({
      kind: 'inside',
      left: 10,
      width: 20,
      openStart: false,
      openEnd: false,
      cutStart: false,
      cutEnd: false,
    });
  });

  test('an open end runs to the edge and is marked open, not cut', () => {
    const place = placeBar({ from: 50 * dayMs, until: null }, range);
    expect(place).toMatchObject({ kind: 'inside', left: 50, width: 50, openEnd: true, cutEnd: false });
    expect(placeBar({ from: null, until: null }, range)).toMatchObject({
      left: 0,
      width: 100,
      openStart: true,
      openEnd: true,
    });
  });

  test('a known end beyond the range is cut, not open', () => {
    expect(placeBar({ from: -5 * dayMs, until: 200 * dayMs }, range)).toMatchObject({
      left: 0,
      width: 100,
      openStart: false,
      cutStart: true,
      cutEnd: true,
    });
  });

  test('a window wholly before or after the range is an edge marker (the end is exclusive)', () => {
    expect(placeBar({ from: null, until: 0 }, range)).toEqual({ kind: 'before' });
    expect(placeBar({ from: 100 * dayMs, until: null }, range)).toEqual({ kind: 'after' });
  });
});

describe('windowStatus', () => {
  test('validFrom is inclusive, validUntil exclusive', () => {
    expect(windowStatus({ from: 5, until: 10 }, 5)).toBe('active');
    expect(windowStatus({ from: 5, until: 10 }, 10)).toBe('ended');
    expect(windowStatus({ from: 5, until: null }, 4)).toBe('future');
    expect(windowStatus({ from: null, until: null }, 4)).toBe('active');
  });
});

describe('presetRange', () => {
  const now = Date.UTC(2026, 11, 2);
  test('30 days and 1 year are around now', () => {
    expect(presetRange('30d', now, [])).toEqual({ start: now - 15 * dayMs, end: now + 15 * dayMs });
    const year = presetRange('1y', now, []);
    expect(year.end - year.start).toBe(366 * dayMs);
  });

  test('all reaches every known end, future grants included, and now', () => {
    const future = { from: now + 400 * dayMs, until: now + 500 * dayMs };
    const past = { from: now - 100 * dayMs, until: null };
    const all = presetRange('all', now, [future, past]);
    expect(all.start).toBeLessThan(now - 100 * dayMs);
    expect(all.end).toBeGreaterThan(now + 500 * dayMs);
  });

  test('all over open windows only is 30 days around now', () => {
    expect(presetRange('all', now, [{ from: null, until: null }])).toEqual(presetRange('30d', now, []));
  });
});

test('zoom keeps the middle, shift keeps the width', () => {
  expect(zoomRange(range, 0.5)).toEqual({ start: 25 * dayMs, end: 75 * dayMs });
  expect(shiftRange(range, -0.5)).toEqual({ start: -50 * dayMs, end: 50 * dayMs });
});

describe('ticks', () => {
  test('months over a quarter, at the first of each month, UTC', () => {
    const quarter = { start: Date.UTC(2026, 9, 15), end: Date.UTC(2027, 0, 10) };
    expect(ticks(quarter).map((t) => t.label)).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  test('days over a week', () => {
    const week = { start: Date.UTC(2026, 11, 1, 12), end: Date.UTC(2026, 11, 6) };
    expect(ticks(week).map((t) => t.label)).toEqual([
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  test('every tick lies in the range', () => {
    const years = { start: Date.UTC(2020, 3, 1), end: Date.UTC(2031, 0, 1) };
    for (const tick of ticks(years)) expect(tick.left).toBeGreaterThanOrEqual(0);
    expect(ticks(years).length).toBeLessThanOrEqual(8);
  });
});

test('assignLanes stacks overlapping windows and reuses a lane once it is free', () => {
  expect(
    assignLanes([
      { from: 0, until: 10 },
      { from: 5, until: 15 },
      { from: 10, until: 20 },
      { from: null, until: null },
    ]),
  ).toEqual([1, 2, 1, 0]);
});
