/** One broken rule of a request body or query, as the API points at it (RFC 6901 pointer). */
export interface FieldError {
  pointer: string;
  detail: string;
}

/**
 * A non-2xx answer of profiled, from its RFC 9457 problem document. `code` is the API's stable
 * error code (`validation.failed`, `precondition.failed`, ...): branch on it, not on `message`.
 * The token endpoint answers OAuth errors instead (RFC 6749): their `error` (`invalid_client`,
 * `invalid_scope`, ...) is the code and their `error_description` the detail.
 */
export class ProfiledError extends Error {
  override readonly name = 'ProfiledError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | undefined;
  readonly errors: readonly FieldError[];

  constructor(status: number, problem: Partial<Problem>, requestId?: string) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem.code ?? `http.${status}`;
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.requestId = problem.requestId ?? requestId;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The answer was 412: the resource changed since its ETag was read. */
  get isConflict(): boolean {
    return this.status === 412;
  }

  /** Reads a failed response: a problem document when there is one, the status alone otherwise. */
  static async fromResponse(response: Response): Promise<ProfiledError> {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let problem: Partial<Problem> = {};
    try {
      const body: unknown = await response.clone().json();
      if (body !== null && typeof body === 'object') problem = isOAuthError(body) ? fromOAuth(body) : body;
    } catch {
      problem = { title: response.statusText };
    }
    return new ProfiledError(response.status, problem, requestId);
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors: FieldError[];
}

/** The error body of an OAuth 2.0 token endpoint (RFC 6749 section 5.2). */
interface OAuthError {
  error: string;
  error_description?: string;
}

const isOAuthError = (body: object): body is OAuthError =>
  !('code' in body) && 'error' in body && typeof body.error === 'string';

const fromOAuth = (body: OAuthError): Partial<Problem> => ({
  code: body.error,
  title: body.error,
  ...(typeof body.error_description === 'string' ? { detail: body.error_description } : {}),
});
