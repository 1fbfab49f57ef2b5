import { fromIso, type Instant } from '../model/time.js';

/**
 * What a policy's condition says about an instant: it holds, it does not, or it asks for
 * something profiled cannot judge (an approval, an IP range, a time it cannot read).
 */
export type ConditionVerdict = 'holds' | 'fails' | 'unknown';

/** A time window: from `timeToActivate` (inclusive) to `timeToExpire` (exclusive), either end optional. */
const WINDOW_FIELDS: readonly string[] = ['timeToActivate', 'timeToExpire'];
/** Where else a window may be: nested under `timeOfAccess`, as Britive's SDK builds it. */
const NESTED_WINDOW = 'timeOfAccess';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** No value at all: absent, null, an empty string or an empty object, as clients send for "none". */
const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (isObject(value) && Object.keys(value).length === 0);

/** An ISO 8601 date-time with a zone (`Z` or an offset); anything else is unreadable (NaN). */
export function conditionInstant(value: unknown): Instant {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[^ ]*(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return NaN;
  return fromIso(value);
}

/** A window's ends (`timeToActivate`, `timeToExpire`): undefined where open, NaN where unreadable. */
export function windowEnds(window: Record<string, unknown>): [Instant | undefined, Instant | undefined] {
  const [from, until] = WINDOW_FIELDS.map((field) =>
    isEmpty(window[field]) ? undefined : conditionInstant(window[field]),
  );
  return [from, until];
}

/** The time windows of a condition: its top, and `timeOfAccess` when that is an object. */
export function conditionWindows(condition: Record<string, unknown>): Record<string, unknown>[] {
  const nested = condition[NESTED_WINDOW];
  return isObject(nested) ? [condition, nested] : [condition];
}

/** One object's window at `at`; a non-empty field other than `understood` is unknown. */
function windowVerdict(window: Record<string, unknown>, understood: readonly string[], at: Instant) {
  if (Object.entries(window).some(([key, value]) => !isEmpty(value) && !understood.includes(key)))
    return 'unknown';
  const [from, until] = windowEnds(window);
  if (Number.isNaN(from) || Number.isNaN(until)) return 'unknown';
  return (from === undefined || from <= at) && (until === undefined || at < until) ? 'holds' : 'fails';
}

/**
 * Judges a policy's condition at `at`. Honoured: a time window (`timeToActivate`, `timeToExpire`:
 * ISO 8601 date-times with a zone) at the top of the condition and inside `timeOfAccess`; when
 * both are given, both must hold. No condition, or one of empty values only, holds. Any other
 * non-empty field, or a window end that is no such date-time, is `unknown`: profiled cannot
 * enforce it, and the caller decides what that means (it never allows).
 */
export function judgeCondition(condition: Record<string, unknown> | null, at: Instant): ConditionVerdict {
  if (condition === null) return 'holds';
  const nested = condition[NESTED_WINDOW];
  if (!isEmpty(nested) && !isObject(nested)) return 'unknown';
  const verdicts = [windowVerdict(condition, [...WINDOW_FIELDS, NESTED_WINDOW], at)];
  if (isObject(nested)) verdicts.push(windowVerdict(nested, WINDOW_FIELDS, at));
  if (verdicts.includes('unknown')) return 'unknown';
  return verdicts.includes('fails') ? 'fails' : 'holds';
}
