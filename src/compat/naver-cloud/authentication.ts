import type { CompatDependencies } from '../kit/compat-api.js';
import { authenticatedBy, signedRequest } from '../kit/presenters.js';

/** NAVER Cloud's API gateway headers of a signature v2 (names match in any case, as HTTP's do). */
export const ncpSignatureHeaders = {
  accessKey: 'x-ncp-iam-access-key',
  timestamp: 'x-ncp-apigw-timestamp',
  signature: 'x-ncp-apigw-signature-v2',
};

/**
 * NAVER Cloud's gateway signature v2: base64 HMAC-SHA256 of `METHOD target\ntimestamp\naccessKey`
 * with an access key's secret, over the request target exactly as received: profiled's HMAC
 * access keys (POST /v1/access-keys) use the same algorithm.
 * The tenant is the key's: NCP has no header naming another one.
 */
export const naverCloudAuthenticator = (deps: Pick<CompatDependencies, 'db' | 'auth' | 'now'>) =>
  authenticatedBy(
    deps,
    [signedRequest(ncpSignatureHeaders)],
    'sign the request: x-ncp-apigw-timestamp, x-ncp-iam-access-key and x-ncp-apigw-signature-v2',
  );
