import type { TokenKeeper } from './credentials.js';

/**
 * A fetch that signs each request with the keeper's token and the acting tenant, and when the
 * server answers 401 to a token that can be renewed, renews it and sends the request once more.
 * The request is copied before it is sent, so a body can be sent the second time.
 */
export function authenticatedFetch(
  keeper: TokenKeeper | undefined,
  tenant: () => string | undefined,
  fetchImpl: typeof fetch,
): (request: Request) => Promise<Response> {
  const send = async (request: Request): Promise<{ response: Response; token: string | undefined }> => {
    const token = keeper ? await keeper.token() : undefined;
    if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
    const acting = tenant();
    if (acting !== undefined && !request.headers.has('target-tenant'))
      request.headers.set('target-tenant', acting);
    return { response: await fetchImpl(request), token };
  };
  return async (request) => {
    const retry = keeper?.renewable ? request.clone() : undefined;
    const first = await send(request);
    if (first.response.status !== 401 || retry === undefined || first.token === undefined)
      return first.response;
    keeper!.refused(first.token);
    await first.response.body?.cancel();
    return (await send(retry)).response;
  };
}
