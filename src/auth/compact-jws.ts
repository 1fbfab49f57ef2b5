import { verify, type KeyObject } from 'node:crypto';

/** Three base64url segments: header, payload, signature (RFC 7515 §7.1, no padding). */
const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{86})$/;

/** An ES256 signature is r and s, 32 bytes each, side by side (RFC 7518 §3.4). */
const ES256_SIGNATURE_BYTES = 64;

type JsonObject = Record<string, unknown>;

function jsonObject(segment: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The protected header of a compact JWS, unverified: to choose the key it names. */
export function compactHeader(token: string): JsonObject | undefined {
  const parts = COMPACT.exec(token);
  return parts ? jsonObject(parts[1]!) : undefined;
}

/**
 * The payload of a compact JWS whose ES256 signature `key` verifies, else undefined. Synchronous
 * node:crypto on purpose: WebCrypto's verify (what jose uses) costs this hot path about twice
 * the CPU, most of it in handing the job to the thread pool and back. The caller checks the header
 * (algorithm, type, key id) and the claims; this checks only the signature over the exact text.
 */
export function verifiedPayload(token: string, key: KeyObject): JsonObject | undefined {
  const parts = COMPACT.exec(token);
  if (!parts) return undefined;
  const signature = Buffer.from(parts[3]!, 'base64url');
  if (signature.length !== ES256_SIGNATURE_BYTES) return undefined;
  const signed = Buffer.from(`${parts[1]!}.${parts[2]!}`, 'ascii');
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) return undefined;
  return jsonObject(parts[2]!);
}
