import { LRUCache } from 'lru-cache';
import { DEFAULT_READ_CACHE_ENTRIES, type ReadCache } from '../core/cache/read-cache.js';
import { readCacheFor } from '../core/cache/read-cache-for.js';
import type { Executor } from '../store/executor.js';
import type { VerifiedToken } from './access-token.js';
import { LastUse } from './last-use.js';
import type { PasswordRules } from './password-rules.js';
import { createSealer, type Sealer } from './seal.js';
import { SigningKeys } from './signing-keys.js';

/** Everything the credential model needs at run time, built once at start. */
export interface AuthSettings {
  keys: SigningKeys;
  sealer: Sealer;
  /** Credentials' last-used times, written at most once a minute each. */
  lastUse: LastUse;
  /** The `iss` (and `aud`) of access tokens: the public URL of this installation. */
  issuer: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  passwordRules: PasswordRules;
  /** scrypt's cost, log2 N, for passwords and chosen OAuth client secrets (PASSWORD_HASH_COST). */
  passwordHashCost: number;
  /**
   * Answers of hot reads (credentials here; users, tenants, grants, profiles in core), kept until
   * a write commits in any process over the database; shared with the app's core context.
   */
  reads: ReadCache | undefined;
  /**
   * Access tokens whose signature and claims were verified, with their claims: a token is
   * verified once, not on every request. Its expiry is checked on every use; what it stands for
   * (the credential, its tenant and user) is read on every use, through `reads`.
   */
  verifiedTokens: LRUCache<string, VerifiedToken>;
}

/** Verified access tokens kept: at about a kilobyte each, 10 MB at most. */
const VERIFIED_TOKENS = 10_000;

export interface AuthOptions {
  masterKey: Buffer;
  issuer: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  passwordRules: PasswordRules;
  passwordHashCost: number;
  /** Entries of the read cache (READ_CACHE_ENTRIES); 0 keeps none. */
  readCacheEntries?: number | undefined;
}

export function buildAuthSettings(db: Executor, options: AuthOptions, now: () => number): AuthSettings {
  const sealer = createSealer(options.masterKey);
  return {
    keys: new SigningKeys(db, sealer, options.accessTokenTtlSeconds * 1000, now),
    sealer,
    lastUse: new LastUse(),
    issuer: options.issuer,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    sessionTtlSeconds: options.sessionTtlSeconds,
    passwordRules: options.passwordRules,
    passwordHashCost: options.passwordHashCost,
    reads: readCacheFor(db, options.readCacheEntries ?? DEFAULT_READ_CACHE_ENTRIES, now),
    verifiedTokens: new LRUCache({ max: VERIFIED_TOKENS }),
  };
}
