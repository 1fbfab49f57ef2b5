import { dayMs, formatDay, hourMs } from '../../lib/utc-time.js';

/** An assignment's window in milliseconds; null is an open end (no start, no end). */
export interface ValidWindow {
  from: number | null;
  until: number | null;
}

/** The span of time the timeline shows. */
export interface TimeRange {
  start: number;
  end: number;
}

/** Where a bar sits on the timeline, in percent of its width. */
export type BarPlacement =
  | {
      kind: 'inside';
      left: number;
      width: number;
      /** The window has no start (drawn fading out to the left edge). */
      openStart: boolean;
      /** The window has no end (drawn fading out to the right edge). */
      openEnd: boolean;
      /** The window starts before the range (drawn cut at the left edge). */
      cutStart: boolean;
      /** The window ends after the range (drawn cut at the right edge). */
      cutEnd: boolean;
    }
  /** The whole window lies before or after the range: a marker at that edge. */
  | { kind: 'before' }
  | { kind: 'after' };

export type WindowStatus = 'active' | 'future' | 'ended';

/** Active when the window contains `now` (validFrom inclusive, validUntil exclusive). */
export function windowStatus(window: ValidWindow, now: number): WindowStatus {
  if (window.from !== null && window.from > now) return 'future';
  if (window.until !== null && window.until <= now) return 'ended';
  return 'active';
}

/** The percent of the range's width where `ms` falls (may be outside 0..100). */
export function percentOf(ms: number, range: TimeRange): number {
  return ((ms - range.start) / (range.end - range.start)) * 100;
}

export function placeBar(window: ValidWindow, range: TimeRange): BarPlacement {
  const from = window.from ?? -Infinity;
  const until = window.until ?? Infinity;
  if (until <= range.start) return { kind: 'before' };
  if (from >= range.end) return { kind: 'after' };
  const left = Math.max(0, percentOf(from, range));
  const right = Math.min(100, percentOf(until, range));
  return {
    kind: 'inside',
    left,
    width: right - left,
    openStart: window.from === null,
    openEnd: window.until === null,
    cutStart: window.from !== null && window.from < range.start,
    cutEnd: window.until !== null && window.until > range.end,
  };
}

export type RangePreset = '30d' | '1y' | 'all';

/**
 * The range a preset shows around `now`. `all` spans every known start and end of `windows`
 * (future grants included) and now, with a margin, so nothing loaded is off the edges.
 */
export function presetRange(preset: RangePreset, now: number, windows: readonly ValidWindow[]): TimeRange {
  switch (preset) {
    case '30d':
      return { start: now - 15 * dayMs, end: now + 15 * dayMs };
    case '1y':
      return { start: now - 183 * dayMs, end: now + 183 * dayMs };
    case 'all': {
      const known = windows.flatMap((w) => [w.from, w.until]).filter((ms): ms is number => ms !== null);
      const start = Math.min(now, ...known);
      const end = Math.max(now, ...known);
      const span = end - start;
      if (span < dayMs) return { start: now - 15 * dayMs, end: now + 15 * dayMs };
      return { start: start - span * 0.05, end: end + span * 0.05 };
    }
  }
}

/** The range `factor` times as wide around its middle (below 1 zooms in); at least an hour. */
export function zoomRange(range: TimeRange, factor: number): TimeRange {
  const middle = (range.start + range.end) / 2;
  const half = Math.max(hourMs / 2, ((range.end - range.start) * factor) / 2);
  return { start: middle - half, end: middle + half };
}

/** The range moved by `fraction` of its width (negative: earlier). */
export function shiftRange(range: TimeRange, fraction: number): TimeRange {
  const by = (range.end - range.start) * fraction;
  return { start: range.start + by, end: range.end + by };
}

export interface Tick {
  at: number;
  left: number;
  label: string;
}

const tickSteps: { ms: number; months?: number }[] = [
  { ms: hourMs },
  { ms: 6 * hourMs },
  { ms: dayMs },
  { ms: 7 * dayMs },
  { ms: 30 * dayMs, months: 1 },
  { ms: 91 * dayMs, months: 3 },
  { ms: 365 * dayMs, months: 12 },
  { ms: 5 * 365 * dayMs, months: 60 },
];

/** Axis labels at round instants (UTC): at most about `most` of them. */
export function ticks(range: TimeRange, most = 8): Tick[] {
  const span = range.end - range.start;
  const step = tickSteps.find((s) => span / s.ms <= most) ?? tickSteps[tickSteps.length - 1]!;
  const instants: number[] = [];
  if (step.months !== undefined) {
    // Calendar months counted from year 0, starting on a multiple of the step.
    const first = new Date(range.start);
    const firstMonth = first.getUTCFullYear() * 12 + first.getUTCMonth();
    for (let m = firstMonth - (firstMonth % step.months); ; m += step.months) {
      const at = Date.UTC(Math.floor(m / 12), m % 12);
      if (at > range.end) break;
      if (at >= range.start) instants.push(at);
    }
  } else {
    for (let at = Math.ceil(range.start / step.ms) * step.ms; at <= range.end; at += step.ms)
      instants.push(at);
  }
  return instants.map((at) => ({ at, left: percentOf(at, range), label: tickLabel(at, step.ms) }));
}

function tickLabel(at: number, stepMs: number): string {
  const iso = new Date(at).toISOString();
  if (stepMs < dayMs) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  if (stepMs < 30 * dayMs) return formatDay(at);
  if (stepMs < 365 * dayMs) return iso.slice(0, 7);
  return iso.slice(0, 4);
}

/**
 * Lanes for windows drawn in one row, so overlapping windows do not hide each other: each
 * window goes in the first lane that is free from its start on. Answers a lane per window, in
 * the order given.
 */
export function assignLanes(windows: readonly ValidWindow[]): number[] {
  const order = windows
    .map((window, index) => ({ index, from: window.from ?? -Infinity, until: window.until ?? Infinity }))
    .sort((a, b) => a.from - b.from || a.until - b.until);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(windows.length);
  for (const item of order) {
    let lane = laneEnds.findIndex((end) => end <= item.from);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = item.until;
    lanes[item.index] = lane;
  }
  return lanes;
}
