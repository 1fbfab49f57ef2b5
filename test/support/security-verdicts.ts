import { declares } from '../../src/http/plugins/status-code-guard.js';
import type { Answer } from './app.js';
import type { ProtectedRoute } from './security-routes.js';

/**
 * What the security suite says about answers. Each verdict is undefined when the answer is
 * right and otherwise says what is wrong, so the suite can collect them over every route, and
 * tests can show that a broken route gets one.
 */

/** What went wrong on one route. */
export interface Finding {
  route: string;
  why: string;
}

export const label = (route: Pick<ProtectedRoute, 'method' | 'url'>): string =>
  `${route.method} ${route.url}`;
export const bodyOf = (res: Answer): string => `${res.statusCode} ${res.body.slice(0, 200)}`;

/** An answer a route gives when nothing is wrong with it: below 500, and declared by the route. */
export function declaredAnswer(route: Pick<ProtectedRoute, 'declared'>, res: Answer): string | undefined {
  if (res.statusCode >= 500) return `failed: ${bodyOf(res)}`;
  if (!declares(route.declared, res.statusCode)) {
    return `answered ${res.statusCode}, which it does not declare (${Object.keys(route.declared).join(', ')})`;
  }
  return undefined;
}

/** A credential with the route's scope: neither refused nor failing, and a status the route declares. */
export function letThrough(route: ProtectedRoute, res: Answer): string | undefined {
  if (res.statusCode === 401 || res.statusCode === 403) return `refused: ${bodyOf(res)}`;
  return declaredAnswer(route, res);
}

export function unauthenticated(res: Answer): string | undefined {
  return res.statusCode === 401 && res.headers['www-authenticate'] !== undefined
    ? undefined
    : `expected 401 with WWW-Authenticate, got ${bodyOf(res)}`;
}

export function forbiddenNaming(scope: string, res: Answer, status = 403): string | undefined {
  return res.statusCode === status && res.body.includes(scope)
    ? undefined
    : `expected ${status} naming ${scope}, got ${bodyOf(res)}`;
}

/** How two answers for different ids are made comparable. */
export interface Comparison {
  /** What to replace in the answer for another tenant's ids (their ids, by a placeholder)... */
  theirs: Readonly<Record<string, string>>;
  /** ...and in the answer for ids never used (those ids, by the same placeholder). */
  never: Readonly<Record<string, string>>;
  /** What differs between any two answers (the ids and times of what each request created). */
  ignore?: RegExp;
}

/** The answer as text, with its request id and `replace` made the same, and `ignore` left out. */
function normalized(res: Answer, replace: Readonly<Record<string, string>>, ignore?: RegExp): string {
  let text = res.body.replaceAll(String(res.headers['x-request-id']), '<request>');
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return `${res.statusCode} ${ignore ? text.replace(ignore, '') : text}`;
}

/**
 * Another tenant's id must answer exactly as an id that was never used, which itself must be
 * an answer the route declares (a 500 for both is no proof of isolation).
 */
export function asNeverUsed(
  route: Pick<ProtectedRoute, 'declared'>,
  theirs: Answer,
  never: Answer,
  comparison: Comparison,
): string | undefined {
  const neverWrong = declaredAnswer(route, never);
  if (neverWrong) return `for an id never used it ${neverWrong}`;
  const { ignore } = comparison;
  return normalized(theirs, comparison.theirs, ignore) === normalized(never, comparison.never, ignore)
    ? undefined
    : `differs from an id never used: ${bodyOf(theirs)} / ${bodyOf(never)}`;
}
