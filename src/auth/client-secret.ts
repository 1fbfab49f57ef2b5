import { hashSecret, randomSecret, sha256, constantTimeEqual, verifySecret } from './secrets.js';

/**
 * OAuth client secrets. The ones profiled generates carry 256 random bits: no one can guess them,
 * so key stretching buys nothing and costs 80 to 270 ms of CPU on every token request. They are
 * stored as `sha256$<hex>`, as API keys are. A secret someone chose (the bootstrap client's) may
 * be guessable and keeps scrypt; so do secrets stored before this scheme, until their next use.
 */
export const generateClientSecret = (): string => randomSecret(32);

/** What generateClientSecret makes: 32 bytes, base64url, 43 characters. */
const GENERATED = /^[A-Za-z0-9_-]{43}$/;
const SHA256 = 'sha256$';

const digestOf = (secret: string) => `${SHA256}${sha256(secret)}`;
// Checked against when no client has the id, so an unknown id costs what a known one does.
const decoyDigest = digestOf('decoy-secret-for-unknown-clients');

/** The stored form of a client secret: SHA-256 for a generated one, scrypt at `cost` otherwise. */
export async function hashClientSecret(secret: string, cost: number): Promise<string> {
  return GENERATED.test(secret) ? digestOf(secret) : hashSecret(secret, cost);
}

export interface ClientSecretCheck {
  matches: boolean;
  /** The SHA-256 form to store instead, when a generated secret matched a scrypt hash. */
  upgrade?: string | undefined;
}

/**
 * Whether `secret` matches the stored hash, of either form. Without a stored hash (an unknown
 * client) it checks against a decoy of the form the secret would have, and answers false.
 */
export async function verifyClientSecret(
  secret: string,
  stored: string | null | undefined,
  cost: number,
): Promise<ClientSecretCheck> {
  const generated = GENERATED.test(secret);
  if (stored == null) {
    if (generated) constantTimeEqual(decoyDigest, digestOf(secret));
    else await verifySecret(secret, null, cost);
    return { matches: false };
  }
  if (stored.startsWith(SHA256)) return { matches: constantTimeEqual(stored, digestOf(secret)) };
  const matches = await verifySecret(secret, stored, cost);
  return { matches, upgrade: matches && generated ? digestOf(secret) : undefined };
}
