import { DomainError } from '../core/errors.js';
import type { Presented } from './authenticate.js';

/** What a presenter reads of a request: its headers (names lower-case, as Node gives them) and target. */
export interface PresentingRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly method: string;
  /** The request target as received: path and query, exactly as signed. */
  readonly url: string;
}

/**
 * One way a request may present a credential: the credential when the request uses this way,
 * `undefined` when it does not (so the next way is tried); `auth.unauthenticated` when it uses it
 * but malformed.
 */
export type Presenter = (request: PresentingRequest) => Presented | undefined;

/** A header's value: the first one when it is repeated; an empty one counts as absent. */
export function headerValue(request: Pick<PresentingRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === '' ? undefined : first;
}

/** One cookie's value from a Cookie header (RFC 6265: `name=value; name2=value2`). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

/**
 * `Authorization: <word> <token>`, the word one of `words` in any case (`Bearer`; Britive also
 * sends `TOKEN`). An Authorization header with another scheme is refused, naming the ones taken.
 */
export function authorizationToken(words: readonly [string, ...string[]] = ['Bearer']): Presenter {
  const taken = new Set(words.map((w) => w.toLowerCase()));
  return (request) => {
    const authorization = headerValue(request, 'authorization');
    if (authorization === undefined) return undefined;
    const [scheme, token, extra] = authorization.trim().split(/\s+/);
    if (!scheme || !taken.has(scheme.toLowerCase()) || !token || extra !== undefined) {
      const forms = words.map((w) => `"${w} <token>"`).join(' or ');
      throw new DomainError('auth.unauthenticated', `Authorization must be ${forms}`);
    }
    return { scheme: 'bearer', token };
  };
}

/** An API key in a header of its own (`X-API-Key`, Visier's `apikey`). */
export function apiKeyHeader(name: string): Presenter {
  return (request) => {
    const key = headerValue(request, name);
    return key === undefined ? undefined : { scheme: 'api_key', key };
  };
}

/** A token in a cookie (Visier's `VisierASIDToken`). */
export function tokenCookie(name: string): Presenter {
  return (request) => {
    const token = cookieValue(headerValue(request, 'cookie'), name);
    return token ? { scheme: 'bearer', token } : undefined;
  };
}

/** The three headers of an HMAC-signed request, by their names in one API. */
export interface SignatureHeaders {
  accessKey: string;
  timestamp: string;
  signature: string;
}

/**
 * An HMAC-signed request: access key, timestamp (epoch ms) and signature over
 * `METHOD target\ntimestamp\naccessKey` (profiled's `X-Profiled-*`, NAVER Cloud's `x-ncp-*`).
 */
export function signedRequest(names: SignatureHeaders): Presenter {
  return (request) => {
    const accessKey = headerValue(request, names.accessKey);
    if (accessKey === undefined) return undefined;
    return {
      scheme: 'hmac',
      accessKey,
      timestamp: headerValue(request, names.timestamp) ?? '',
      signature: headerValue(request, names.signature) ?? '',
      method: request.method,
      url: request.url,
    };
  };
}

/** The credential of the first way `request` uses, in the order given. */
export function presentedBy(
  presenters: readonly Presenter[],
  request: PresentingRequest,
): Presented | undefined {
  for (const presenter of presenters) {
    const presented = presenter(request);
    if (presented) return presented;
  }
  return undefined;
}
