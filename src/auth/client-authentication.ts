import { holdsUnstorableText } from '../core/model/text.js';
import { OAuthError } from './oauth.service.js';

/** What an OAuth token request may carry to authenticate its client (RFC 6749 2.3.1). */
export interface ClientAuthentication {
  /** The request's Authorization header, if any. */
  authorization: string | undefined;
  body: { client_id?: string | undefined; client_secret?: string | undefined };
  /**
   * Accept a `client_id` in the body beside HTTP Basic when it names the same client (Visier's
   * SDK sends both). RFC 6749 allows one method only; a repeated secret is never accepted.
   */
  tolerateRepeatedId?: boolean;
}

export interface ClientSecretPair {
  clientId: string;
  clientSecret: string;
}

/** The client id and secret from HTTP Basic (form-encoded, as RFC 6749 says) or the body. */
export function clientCredentialsOf(request: ClientAuthentication): ClientSecretPair {
  const { authorization, body } = request;
  if (authorization !== undefined && /^basic /i.test(authorization)) {
    const fromHeader = basicCredentials(authorization);
    const repeatedId =
      request.tolerateRepeatedId === true && body.client_secret === undefined && body.client_id !== undefined;
    if (repeatedId && body.client_id !== fromHeader.clientId) {
      throw new OAuthError(
        'invalid_request',
        'client_id differs from the client of the Authorization header',
      );
    }
    if (!repeatedId && (body.client_id !== undefined || body.client_secret !== undefined)) {
      throw new OAuthError('invalid_request', 'use one client authentication method, not two');
    }
    return fromHeader;
  }
  if (!body.client_id || !body.client_secret) {
    throw new OAuthError(
      'invalid_client',
      'client authentication is required (HTTP Basic or client_id and client_secret)',
      401,
    );
  }
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

function basicCredentials(authorization: string): ClientSecretPair {
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'malformed Basic credentials', 401);
  let pair: ClientSecretPair;
  try {
    pair = {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    throw new OAuthError('invalid_client', 'malformed Basic credentials: bad percent-encoding', 401);
  }
  // No client id or secret holds one (the body's fields are refused them by the schema), and
  // PostgreSQL cannot even look such text up.
  if (holdsUnstorableText(pair.clientId) || holdsUnstorableText(pair.clientSecret)) {
    throw new OAuthError(
      'invalid_client',
      'malformed Basic credentials: a NUL character or a lone surrogate',
      401,
    );
  }
  return pair;
}

/** A grant type's handler: answers the token response, or throws OAuthError. */
export type GrantHandler<Answer> = () => Promise<Answer>;

/**
 * Runs the handler of `grantType`; an unknown grant type is `unsupported_grant_type` naming the
 * supported ones, in the order given.
 */
export function dispatchGrant<Answer>(
  grantType: string,
  handlers: Readonly<Record<string, GrantHandler<Answer>>>,
): Promise<Answer> {
  const handler = Object.hasOwn(handlers, grantType) ? handlers[grantType] : undefined;
  if (!handler) {
    throw new OAuthError('unsupported_grant_type', `supported: ${Object.keys(handlers).join(', ')}`);
  }
  return handler();
}

/** A field a grant needs: its value, or `invalid_request` naming it. */
export function grantField(grantType: string, field: string, value: string | undefined): string {
  if (!value) throw new OAuthError('invalid_request', `${grantType} needs ${field}`);
  return value;
}
