import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { authenticatedFetch } from './authenticated-fetch.js';
import { TokenKeeper, type Credentials } from './credentials.js';
import { ProfiledError } from './errors.js';
import type { paths } from './generated/openapi.js';
import { pages, type ListArgs, type ListPath, type ListItem, type Paged } from './paginate.js';

export interface ProfiledOptions {
  /** Where profiled answers, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** How to sign in; without it requests go unauthenticated (health, discovery, sign-in). */
  credentials?: Credentials;
  /** The tenant requests act in (code or id), sent as `Target-Tenant`; the credential's own by default. */
  tenant?: string;
  /** Renew a token this long before it expires (default 30 s). */
  refreshLeewayMs?: number;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** The clock that decides when a token is due for renewal, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/** A 2xx answer: the parsed body, the resource's ETag when it has one, and the response. */
export interface Answer<Data> {
  data: Data;
  etag: string | undefined;
  response: Response;
}

type Media = `${string}/${string}`;
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];
type DataOf<R> = R extends { data: infer D } ? Exclude<D, undefined> : never;

type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M & keyof paths[P]];
type InitOf<P extends keyof paths, M extends HttpMethod> = MaybeOptionalInit<paths[P], M & keyof paths[P]>;
type DataAt<Op, Init> =
  Op extends Record<string | number, unknown> ? DataOf<FetchResponse<Op, Init, Media>> : never;

/**
 * One HTTP method over the paths that have it: a typed path, its parameters and body (object
 * literals checked for unknown fields too), and a typed answer.
 */
export type Call<M extends HttpMethod> = <P extends PathsWithMethod<paths, M>>(
  url: P,
  ...init: InitParam<InitOf<P, M>>
) => Promise<Answer<DataAt<Operation<P, M>, InitOf<P, M>>>>;

export interface Profiled {
  get: Call<'get'>;
  post: Call<'post'>;
  put: Call<'put'>;
  patch: Call<'patch'>;
  delete: Call<'delete'>;
  /** Every item of a list, page after page (`nextCursor`), fetched as the loop asks for them. */
  list<P extends ListPath>(url: P, ...args: ListArgs<P>): Paged<ListItem<P>>;
  /** The same client acting in another tenant (`Target-Tenant`), sharing the credentials' token. */
  inTenant(tenant: string | undefined): Profiled;
  /** The tenant requests act in, when one was chosen. */
  readonly tenant: string | undefined;
  /** The underlying openapi-fetch client (errors thrown as ProfiledError too). */
  readonly raw: Client<paths, Media>;
}

/** Headers that make a write conditional on the resource still being at `etag` (else 412). */
export function ifMatch(etag: string | undefined): Record<string, string> {
  return etag === undefined ? {} : { 'If-Match': etag };
}

/** Headers that make a retried create happen once: the same key answers the first result again. */
export function idempotencyKey(key: string = randomKey()): Record<string, string> {
  return { 'Idempotency-Key': key };
}

/**
 * A random UUID (version 4). Browsers offer crypto.randomUUID only to secure pages (https or
 * localhost); getRandomValues everywhere, so a console opened over plain http still gets keys.
 */
function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createProfiled(options: ProfiledOptions): Profiled {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const keeper = options.credentials
    ? new TokenKeeper(
        options.credentials,
        options.baseUrl,
        fetchImpl,
        options.refreshLeewayMs ?? 30_000,
        options.now,
      )
    : undefined;
  return build(options.baseUrl, keeper, options.tenant, fetchImpl);
}

function build(
  baseUrl: string,
  keeper: TokenKeeper | undefined,
  tenant: string | undefined,
  fetchImpl: typeof fetch,
): Profiled {
  const raw = createClient<paths, Media>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    fetch: authenticatedFetch(keeper, () => tenant, fetchImpl),
  });
  raw.use({
    async onResponse({ response }) {
      if (!response.ok) throw await ProfiledError.fromResponse(response);
    },
  });
  const call =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    async (url: string, init?: object): Promise<Answer<unknown>> => {
      const send = raw[method] as (
        url: string,
        init?: object,
      ) => Promise<{ data?: unknown; response: Response }>;
      const { data, response } = await send(url, init);
      return { data, etag: response.headers.get('etag') ?? undefined, response };
    };
  const self: Profiled = {
    get: call('GET') as Call<'get'>,
    post: call('POST') as Call<'post'>,
    put: call('PUT') as Call<'put'>,
    patch: call('PATCH') as Call<'patch'>,
    delete: call('DELETE') as Call<'delete'>,
    list: (url, ...[query, path]) =>
      pages(async (cursor) => {
        const { data } = await call('GET')(url, {
          params: {
            query: { ...query, ...(cursor === undefined ? {} : { cursor }) },
            ...(path ? { path } : {}),
          },
        });
        return data as { items: never[]; nextCursor: string | null };
      }),
    inTenant: (other) => build(baseUrl, keeper, other, fetchImpl),
    tenant,
    raw,
  };
  return self;
}
