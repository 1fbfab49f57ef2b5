import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A random string of `bytes` bytes of entropy, base64url. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** A random lowercase hex string: safe in any token syntax, used for public lookup halves. */
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * SHA-256 of a generated secret. Enough for secrets with 256 bits of entropy (API keys, session
 * tokens), and cheap, which matters because they are checked on every request.
 */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare against itself when lengths differ, so the time does not depend on the length either.
  return timingSafeEqual(left, left.length === right.length ? right : left) && left.length === right.length;
}

// scrypt cost: N=2^15, r=8, p=1 (32 MiB, ~50-100 ms): OWASP's recommended minimum for passwords.
const COST = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } satisfies ScryptOptions;
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a secret a person may have chosen (a password, a bootstrap client secret) with scrypt,
 * a memory-hard KDF. Format: `scrypt$N$r$p$salt$hash`, so the cost can rise later.
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const key = await derive(secret, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  const expected = Buffer.from(hash, 'base64url');
  return expected.length === key.length && timingSafeEqual(key, expected);
}
