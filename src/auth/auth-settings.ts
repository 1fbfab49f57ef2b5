import type { Executor } from '../store/executor.js';
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
  /** scrypt's cost, log2 N, for passwords and OAuth client secrets (PASSWORD_HASH_COST). */
  passwordHashCost: number;
}

export interface AuthOptions {
  masterKey: Buffer;
  issuer: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  passwordRules: PasswordRules;
  passwordHashCost: number;
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
  };
}
