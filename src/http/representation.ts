import { fromIso, toIso, type Instant } from '../core/model/time.js';

/** Instants leave the native API as RFC 3339 strings in UTC. */
export const iso = toIso;

/** An RFC 3339 string to an instant; the schema already checked the format. */
export const instantOf = fromIso;
export const instantOrNull = (text: string | null | undefined): Instant | null | undefined =>
  text === undefined ? undefined : text === null ? null : fromIso(text);

/** Replaces the instant fields of a domain object by their RFC 3339 form. */
export function withIsoTimes<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Omit<T, K> & Record<K, string | null> {
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) {
    const at = value[key] as Instant | null;
    out[key as string] = at === null ? null : toIso(at);
  }
  return out as Omit<T, K> & Record<K, string | null>;
}
