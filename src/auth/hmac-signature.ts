import { createHmac } from 'node:crypto';

/** How far a signed request's timestamp may be from the server's clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * The request signature: base64 HMAC-SHA256 over `METHOD URL\ntimestamp\naccessKey` (the
 * algorithm of NAVER Cloud's API gateway v2 signatures, so one key scheme serves both APIs).
 */
export function requestSignature(
  secretKey: string,
  request: { method: string; url: string; timestamp: string; accessKey: string },
): string {
  return createHmac('sha256', secretKey)
    .update(`${request.method.toUpperCase()} ${request.url}\n${request.timestamp}\n${request.accessKey}`)
    .digest('base64');
}
