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

/**
 * scrypt with N = 2^cost, r=8, p=1 takes 128 * N * r bytes: 32 MiB at cost 15, OWASP's
 * recommended minimum for passwords. The cost comes from the auth settings (PASSWORD_HASH_COST);
 * each stored hash records its own N, r and p, so a change of cost leaves existing hashes valid.
 */
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
/** The most a stored hash may ask for: 2^20 (1 GiB), the top of PASSWORD_HASH_COST. */
const MAX_COST = 20;

// scrypt refuses to run above maxmem: allow what N and r need, with room for its bookkeeping.
const memoryFor = (n: number, r: number) => 2 * 128 * n * r;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a secret a person may have chosen (a password, a bootstrap client secret) with scrypt,
 * a memory-hard KDF, at N = 2^cost. Format: `scrypt$N$r$p$salt$hash`, so the cost can rise later.
 */
export async function hashSecret(secret: string, cost: number): Promise<string> {
  if (!Number.isInteger(cost) || cost < 1 || cost > MAX_COST) {
    throw new RangeError(`scrypt cost must be a whole number from 1 to ${MAX_COST}, not ${cost}`);
  }
  const n = 2 ** cost;
  const salt = randomBytes(16);
  const options = { N: n, r: BLOCK_SIZE, p: PARALLELISM, maxmem: memoryFor(n, BLOCK_SIZE) };
  const key = await derive(secret, salt, options);
  return ['scrypt', n, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

// One decoy hash per cost, made on first use: a check for an unknown account costs what a real one does.
const decoys = new Map<number, Promise<string>>();
function decoyAt(cost: number): Promise<string> {
  let decoy = decoys.get(cost);
  if (!decoy) {
    decoy = hashSecret('decoy-secret-for-unknown-accounts', cost);
    decoys.set(cost, decoy);
  }
  return decoy;
}

/** The parameters of a stored hash, or undefined when it is not one this module could have written. */
function parse(stored: string): { options: ScryptOptions; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const [N, blockSize, parallelism] = [Number(n), Number(r), Number(p)];
  if (scheme !== 'scrypt' || !salt || !hash) return undefined;
  if (!Number.isInteger(Math.log2(N)) || N < 2 || N > 2 ** MAX_COST) return undefined;
  if (![blockSize, parallelism].every((v) => Number.isInteger(v) && v >= 1 && v <= 16)) return undefined;
  return {
    options: { N, r: blockSize, p: parallelism, maxmem: memoryFor(N, blockSize) },
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  };
}

/**
 * Whether `secret` matches a stored hash, with the N, r and p the hash was made with (so hashes
 * from before a change of cost keep verifying). Without a stored hash (an unknown account) it
 * checks against a decoy at `cost` and answers false, taking as long as a real check.
 */
export async function verifySecret(
  secret: string,
  stored: string | null | undefined,
  cost: number,
): Promise<boolean> {
  const parsed = parse(stored ?? (await decoyAt(cost)));
  if (!parsed) return false;
  const key = await derive(secret, parsed.salt, parsed.options);
  return stored != null && parsed.hash.length === key.length && timingSafeEqual(key, parsed.hash);
}
