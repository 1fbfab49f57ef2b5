/** A path prefix one API claims, e.g. `/v1/admin` of Visier. */
export interface PrefixClaim {
  owner: string;
  prefix: string;
  /** The owner's clients send these paths exactly as cased (see CompatApi.caseSensitive). */
  caseSensitive: boolean;
}

const segments = (path: string, ignoreCase: boolean) =>
  (ignoreCase ? path.toLowerCase() : path).split('/').filter(Boolean);

/** Whether one path is the other or lies below it, segment by segment. */
function nested(a: string, b: string, ignoreCase: boolean): boolean {
  const [x, y] = [segments(a, ignoreCase), segments(b, ignoreCase)];
  const shorter = x.length <= y.length ? x : y;
  const longer = shorter === x ? y : x;
  return shorter.every((segment, i) => segment === longer[i]);
}

/**
 * The pairs of claims by different owners that overlap: one prefix is the other or lies below
 * it. They are compared ignoring case unless both owners route case-sensitively: a client of a
 * vendor that ignores case may send `/api/v1/profiles` for `/api/v1/Profiles`.
 */
export function overlappingClaims(claims: readonly PrefixClaim[]): [PrefixClaim, PrefixClaim][] {
  const overlaps: [PrefixClaim, PrefixClaim][] = [];
  claims.forEach((a, i) => {
    for (const b of claims.slice(i + 1)) {
      if (a.owner === b.owner) continue;
      if (nested(a.prefix, b.prefix, !(a.caseSensitive && b.caseSensitive))) overlaps.push([a, b]);
    }
  });
  return overlaps;
}

/** Whether `path` (a route's url) lies under `prefix`, exactly as cased. */
export const liesUnder = (path: string, prefix: string): boolean =>
  segments(prefix, false).every((segment, i) => segments(path, false)[i] === segment);

/**
 * The prefix a route claims for its API: its first two segments (`/v1/tenants/:id` claims
 * `/v1/tenants`), or its only one; parameters and wildcards end it. The root claims nothing.
 */
export function claimOfRoute(url: string): string | undefined {
  const fixed = [];
  for (const segment of url.split('/').filter(Boolean).slice(0, 2)) {
    if (segment.startsWith(':') || segment.includes('*')) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? undefined : `/${fixed.join('/')}`;
}
