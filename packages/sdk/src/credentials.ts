import { ProfiledError } from './errors.js';

/** How the SDK signs in. */
export type Credentials =
  /** An OAuth client: tokens from `POST /oauth2/token`, renewed before they expire. */
  | { clientId: string; clientSecret: string; scopes?: readonly string[] }
  /** A user's password: a session from `POST /v1/sessions`, opened again when it expires. */
  | { tenant: string; username: string; password: string; scopes?: readonly string[] }
  /** A token or API key someone else obtained; it is sent as it is and never renewed. */
  | { token: string };

/** A bearer token and when it stops working (ms since the epoch; undefined when not known). */
export interface IssuedToken {
  token: string;
  expiresAt: number | undefined;
}

/**
 * Keeps the current token of a set of credentials: fetched on first use, fetched again once it is
 * within `leewayMs` of its expiry or after the server refused it, with one request at a time
 * however many calls are waiting for it.
 */
export class TokenKeeper {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;

  constructor(
    private readonly credentials: Credentials,
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch,
    private readonly leewayMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if ('token' in credentials) this.current = { token: credentials.token, expiresAt: undefined };
  }

  /** Whether a refused token can be replaced by a new one (not for a token given as it is). */
  get renewable(): boolean {
    return !('token' in this.credentials);
  }

  async token(): Promise<string> {
    const current = this.current;
    if (current && (current.expiresAt === undefined || current.expiresAt - this.leewayMs > this.now())) {
      return current.token;
    }
    return (await this.renew()).token;
  }

  /** Forgets `token` (the server refused it) so the next call gets a new one. */
  refused(token: string): void {
    if (this.renewable && this.current?.token === token) this.current = undefined;
  }

  private renew(): Promise<IssuedToken> {
    this.pending ??= this.issue().then(
      (issued) => {
        this.current = issued;
        this.pending = undefined;
        return issued;
      },
      (error: unknown) => {
        this.pending = undefined;
        throw error;
      },
    );
    return this.pending;
  }

  /** An endpoint under the base URL, which may have a path of its own (behind a proxy: `/profiled`). */
  private endpoint(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private async issue(): Promise<IssuedToken> {
    const credentials = this.credentials;
    if ('token' in credentials) return { token: credentials.token, expiresAt: undefined };
    const startedAt = this.now();
    if ('clientId' in credentials) {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      });
      if (credentials.scopes?.length) form.set('scope', credentials.scopes.join(' '));
      const response = await this.fetchImpl(this.endpoint('/oauth2/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      });
      if (!response.ok) throw await ProfiledError.fromResponse(response);
      const body = (await response.json()) as { access_token: string; expires_in?: number };
      return {
        token: body.access_token,
        expiresAt: body.expires_in === undefined ? undefined : startedAt + body.expires_in * 1000,
      };
    }
    const response = await this.fetchImpl(this.endpoint('/v1/sessions'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        tenant: credentials.tenant,
        username: credentials.username,
        password: credentials.password,
        ...(credentials.scopes?.length ? { scopes: credentials.scopes } : {}),
      }),
    });
    if (!response.ok) throw await ProfiledError.fromResponse(response);
    const body = (await response.json()) as { token: string; expiresAt: string };
    return { token: body.token, expiresAt: Date.parse(body.expiresAt) };
  }
}
