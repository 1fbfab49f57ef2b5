import type { Instant } from '../../core/model/time.js';

/** The zone the server runs in: what times are shown in when the tenant names none. */
const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** One formatter per IANA zone in use (a finite set: only zones Intl knows are kept). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return undefined;
  }
  formatters.set(zone, formatter);
  return formatter;
}

/**
 * The zone a tenant's times are shown in: its `settings.timeZone` when that is an IANA zone Intl
 * knows, else the server's (a misspelt setting must not make every profile unreadable).
 */
export function timeZoneOf(settings: Readonly<Record<string, unknown>>): string {
  const zone = settings.timeZone;
  return typeof zone === 'string' && formatterOf(zone) ? zone : serverZone;
}

/**
 * `2026-12-02T17:05:00.123`: the instant as a wall clock in `zone` shows it, without an offset,
 * as ARM's .NET server writes its `...DateTimeLocal` fields.
 */
export function localDateTime(at: Instant, zone: string): string {
  const formatter = formatterOf(zone) ?? formatterOf(serverZone)!;
  const part = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  const ms = String(new Date(at).getUTCMilliseconds()).padStart(3, '0');
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.${ms}`;
}
