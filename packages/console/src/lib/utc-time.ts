/**
 * The console shows and takes instants in UTC, labelled so: the same text for every reader
 * whatever their browser's time zone, and the same as the API's RFC 3339 instants.
 */

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** `2026-12-09 20:23 UTC`. */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-12-09`. */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The value of an `<input type="datetime-local">` read as UTC: `2026-12-09T20:23`. */
export function toInputValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/** An `<input type="datetime-local">` value read as UTC; undefined when empty or not a date. */
export function fromInputValue(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An instant of the API (RFC 3339) or null, as milliseconds or null. */
export function instantMs(value: string | null): number | null {
  return value === null ? null : Date.parse(value);
}

/** Milliseconds as the API's RFC 3339 instant. */
export function toApiInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The whole UTC hour at or before `ms`: where an hour-stepped slider counts from. */
export function hourFloor(ms: number): number {
  return Math.floor(ms / hourMs) * hourMs;
}
