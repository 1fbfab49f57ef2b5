import { formatInstant } from '../../lib/utc-time.js';

export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One field of an audited target, before and after the write. */
export interface FieldDiff {
  /** Dotted path of the field, e.g. `directory.actualGroups`; `(value)` for a bare value. */
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields of `before` and `after` (an audit event's target before and after the write; null
 * for a create or a delete), nested objects flattened into dotted paths. Arrays are compared as
 * whole values: a list of groups that changed is one changed field. Ordered by path.
 */
export function diffFields(before: unknown, after: unknown): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const walk = (path: string, was: unknown, now: unknown, wasThere: boolean, nowThere: boolean) => {
    if (!wasThere && !nowThere) return;
    if ((isRecord(was) || !wasThere) && (isRecord(now) || !nowThere)) {
      const keys = new Set([
        ...Object.keys(isRecord(was) ? was : {}),
        ...Object.keys(isRecord(now) ? now : {}),
      ]);
      for (const key of keys) {
        const w = isRecord(was) ? was : {};
        const n = isRecord(now) ? now : {};
        walk(path === '' ? key : `${path}.${key}`, w[key], n[key], key in w, key in n);
      }
      return;
    }
    const at = path === '' ? '(value)' : path;
    if (!wasThere) diffs.push({ path: at, kind: 'added', after: now });
    else if (!nowThere) diffs.push({ path: at, kind: 'removed', before: was });
    else if (sameValue(was, now)) diffs.push({ path: at, kind: 'unchanged', before: was, after: now });
    else diffs.push({ path: at, kind: 'changed', before: was, after: now });
  };
  walk('', before, after, before !== null && before !== undefined, after !== null && after !== undefined);
  return diffs.sort((a, b) => a.path.localeCompare(b.path));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Audit targets keep their instants as epoch milliseconds; fields named so get a readable date too. */
const instantField = /(At|From|Until)$/;

/** A field's value as text: JSON, with the date beside an instant in milliseconds. */
export function describeValue(path: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number' && instantField.test(path) && value > 1e11)
    return `${value} (${formatInstant(value)})`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
