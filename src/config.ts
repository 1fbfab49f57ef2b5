import { characterClasses, type PasswordRules } from './auth/password-rules.js';

/**
 * Configuration: read once from the environment at start, validated, frozen, passed in.
 * Nothing else reads process.env.
 */
export interface Config {
  readonly databaseUrl: string;
  /** The address to listen on; undefined: every interface, or loopback only for the demo. */
  readonly host: string | undefined;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly databasePoolSize: number;
  readonly shutdownGraceMs: number;
  /** How long a request may take to arrive, headers and body: a slow client holds no socket longer. */
  readonly requestTimeoutMs: number;
  readonly idempotencyTtlHours: number;
  /** 32 bytes that seal recoverable secrets; undefined: the CLI keeps one in a file beside SQLite. */
  readonly masterKey: Buffer | undefined;
  readonly publicUrl: string;
  readonly accessTokenTtlSeconds: number;
  readonly sessionTtlSeconds: number;
  readonly passwordRules: PasswordRules;
  /** scrypt's cost (log2 N) for passwords and chosen OAuth client secrets. */
  readonly passwordHashCost: number;
  readonly authRateLimit: { perAddress: number; perClient: number };
  /** Entries the read cache of the hot path keeps; 0: none. */
  readonly readCacheEntries: number;
  /** How often `serve` syncs every directory; 0: only when asked (API, CLI). */
  readonly directorySyncIntervalSeconds: number;
  /** Processes `serve` answers requests in (one per core uses the whole machine); 1: this one. */
  readonly workers: number;
  readonly adminClient: { clientId: string; clientSecret: string } | undefined;
  /** The names of the vendor compat APIs to serve. */
  readonly compatApis: readonly string[];
  /** Per compat API name, the path prefix it is served under instead of its vendor's own paths. */
  readonly compatPrefixes: Readonly<Record<string, string>>;
}

/** What the configuration is checked against that lives elsewhere: the compat APIs' registry. */
export interface KnownNames {
  /** The names of every compat API profiled can serve. */
  compatApis: readonly string[];
}

export class ConfigError extends Error {}

/**
 * scrypt's cost, log2 N, for passwords and client secrets: 15 (32 MiB a hash) is OWASP's
 * recommended minimum; 14 is the least accepted, 20 (1 GiB a hash) the most.
 */
/**
 * Every whole-number setting: its default and the range it must lie in. Parsing and the
 * documented tables (`profiled --help`, the README, tested against each other) read this one.
 */
export const numericSettings = {
  PORT: { default: 8080, min: 0, max: 65535 },
  BODY_LIMIT_BYTES: { default: 1_048_576, min: 1024, max: 64 * 1_048_576 },
  DATABASE_POOL_SIZE: { default: 10, min: 1, max: 1000 },
  SHUTDOWN_GRACE_MS: { default: 10_000, min: 0, max: 600_000 },
  REQUEST_TIMEOUT_MS: { default: 30_000, min: 1000, max: 600_000 },
  IDEMPOTENCY_TTL_HOURS: { default: 24, min: 1, max: 24 * 30 },
  ACCESS_TOKEN_TTL_SECONDS: { default: 600, min: 30, max: 86_400 },
  SESSION_TTL_SECONDS: { default: 28_800, min: 60, max: 30 * 86_400 },
  PASSWORD_MIN_LENGTH: { default: 12, min: 1, max: 1024 },
  PASSWORD_HASH_COST: { default: 15, min: 14, max: 20 },
  AUTH_RATE_LIMIT_PER_ADDRESS: { default: 30, min: 1, max: 100_000 },
  AUTH_RATE_LIMIT_PER_CLIENT: { default: 10, min: 1, max: 100_000 },
  READ_CACHE_ENTRIES: { default: 20_000, min: 0, max: 1_000_000 },
  DIRECTORY_SYNC_INTERVAL_SECONDS: { default: 0, min: 0, max: 7 * 86_400 },
  WORKERS: { default: 1, min: 1, max: 256 },
} as const;
type NumericSetting = keyof typeof numericSettings;

export const passwordHashCostRange = numericSettings.PASSWORD_HASH_COST;

/** The documented table of variables: name, default, meaning. Used by `profiled --help` and the README. */
export const configVariables = [
  ['DATABASE_URL', 'sqlite:./data/profiled.db', 'sqlite:<file> (WAL mode) or postgres://user@host:port/db'],
  ['HOST', '0.0.0.0 (127.0.0.1 with --demo)', 'Address to listen on'],
  ['PORT', '8080', 'Port to listen on'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['BODY_LIMIT_BYTES', '1048576', 'Largest request body accepted (413 above it)'],
  [
    'SQLITE_SYNCHRONOUS',
    'FULL',
    'FULL: commits survive power loss; NORMAL: faster, commits survive a process crash only',
  ],
  ['DATABASE_POOL_SIZE', '10', 'PostgreSQL connections per process'],
  ['SHUTDOWN_GRACE_MS', '10000', 'On SIGTERM, how long in-flight requests may take before the process exits'],
  [
    'REQUEST_TIMEOUT_MS',
    '30000',
    'How long a request may take to arrive, headers and body (1000 to 600000); a slower one is cut with 408',
  ],
  ['IDEMPOTENCY_TTL_HOURS', '24', 'How long an Idempotency-Key is remembered'],
  [
    'MASTER_KEY',
    '(a key file beside the SQLite database)',
    '32 bytes, hex or base64, sealing HMAC secret keys and token signing keys (AES-256-GCM); required with PostgreSQL',
  ],
  [
    'PUBLIC_URL',
    'http://localhost:<PORT>',
    'The URL clients reach this service at: the issuer of its tokens',
  ],
  ['ACCESS_TOKEN_TTL_SECONDS', '600', 'Lifetime of access tokens from /oauth2/token'],
  ['SESSION_TTL_SECONDS', '28800', 'Lifetime of sign-in sessions'],
  ['PASSWORD_MIN_LENGTH', '12', 'Shortest password accepted'],
  [
    'PASSWORD_REQUIRE',
    'lower,upper,digit',
    'Character classes a password must contain: lower, upper, digit, symbol',
  ],
  [
    'PASSWORD_HASH_COST',
    String(passwordHashCostRange.default),
    `scrypt cost (log2 N, ${passwordHashCostRange.min} to ${passwordHashCostRange.max}) of passwords and chosen client secrets; one more doubles the time and memory (32 MiB at 15); stored hashes keep their own`,
  ],
  ['AUTH_RATE_LIMIT_PER_ADDRESS', '30', 'Token and sign-in attempts per minute from one address'],
  ['AUTH_RATE_LIMIT_PER_CLIENT', '10', 'Token and sign-in attempts per minute for one client or account'],
  [
    'READ_CACHE_ENTRIES',
    '20000',
    'Answers of hot reads kept in memory until a write commits (docs/performance.md); 0: none',
  ],
  [
    'DIRECTORY_SYNC_INTERVAL_SECONDS',
    '0',
    'How often serve syncs every LDAP directory (docs/directory.md); 0: only when asked',
  ],
  [
    'WORKERS',
    '1',
    'Processes serve answers requests in, sharing its port (docs/performance.md); one per core',
  ],
  [
    'PROFILED_ADMIN_CLIENT_ID',
    '(none)',
    'With the secret: an all-scopes OAuth client on the root tenant, made at start',
  ],
  ['PROFILED_ADMIN_CLIENT_SECRET', '(none)', 'Its secret (at least 16 characters)'],
  ['COMPAT_APIS', '(all)', 'Comma-separated vendor compat APIs to serve, or none'],
  [
    'COMPAT_PREFIX_<API>',
    '(none)',
    "A path prefix to serve one compat API under instead of its vendor's paths, e.g. COMPAT_PREFIX_VISIER=/compat/visier",
  ],
] as const;

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: NumericSetting): number {
  const { default: fallback, min, max } = numericSettings[name];
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}="${raw}" must be one of: ${allowed.join(', ')}`);
  }
  return raw as T;
}

function publicUrlOf(env: Env): string {
  const raw = env.PUBLIC_URL || `http://localhost:${env.PORT || '8080'}`;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw))
    throw new ConfigError(`PUBLIC_URL="${raw}" is not an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

function masterKeyOf(env: Env): Buffer | undefined {
  const raw = env.MASTER_KEY;
  if (raw === undefined || raw === '') return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32)
    throw new ConfigError('MASTER_KEY must be 32 bytes: 64 hex digits or 44 base64 characters');
  return key;
}

/** A comma-separated list of names out of `allowed`; an unknown one stops the start, naming it. */
function listOf<T extends string>(env: Env, name: string, fallback: string, allowed: readonly T[]): T[] {
  const raw = env[name] ?? fallback;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(allowed as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new ConfigError(`${name}="${raw}": unknown ${unknown.join(', ')}; use ${allowed.join(', ')}`);
  }
  return [...new Set(names)] as T[];
}

function passwordRulesOf(env: Env): PasswordRules {
  const require = listOf(env, 'PASSWORD_REQUIRE', 'lower,upper,digit', characterClasses);
  return {
    minLength: integer(env, 'PASSWORD_MIN_LENGTH'),
    maxLength: 1024,
    require,
  };
}

function adminClientOf(env: Env): Config['adminClient'] {
  const clientId = env.PROFILED_ADMIN_CLIENT_ID ?? '';
  const clientSecret = env.PROFILED_ADMIN_CLIENT_SECRET ?? '';
  if (clientId === '' && clientSecret === '') return undefined;
  if (clientId === '' || clientSecret === '') {
    throw new ConfigError(
      'PROFILED_ADMIN_CLIENT_ID and PROFILED_ADMIN_CLIENT_SECRET go together: set both or neither',
    );
  }
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(clientId)) {
    throw new ConfigError('PROFILED_ADMIN_CLIENT_ID may hold letters, digits and . _ ~ - only');
  }
  if (clientSecret.length < 16)
    throw new ConfigError('PROFILED_ADMIN_CLIENT_SECRET must have at least 16 characters');
  return { clientId, clientSecret };
}

function compatApisOf(env: Env, known: readonly string[]): readonly string[] {
  if (env.COMPAT_APIS?.trim() === 'none') return [];
  return listOf(env, 'COMPAT_APIS', known.join(','), known);
}

/** The variable that mounts a compat API under a prefix: COMPAT_PREFIX_SOLARWINDS_ARM for solarwinds-arm. */
export const compatPrefixVariable = (name: string): string =>
  `COMPAT_PREFIX_${name.toUpperCase().replaceAll('-', '_')}`;

const PREFIX = /^(\/[A-Za-z0-9._~-]+)+$/;

/** COMPAT_PREFIX_<API> of each known API that has one; one for an unknown API is an error. */
function compatPrefixesOf(env: Env, known: readonly string[]): Record<string, string> {
  const byVariable = new Map(known.map((name) => [compatPrefixVariable(name), name]));
  const prefixes: Record<string, string> = {};
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith('COMPAT_PREFIX_') || raw === undefined || raw === '') continue;
    const name = byVariable.get(variable);
    if (name === undefined) {
      throw new ConfigError(
        `${variable}: no compat API of that name; known: ${[...byVariable.keys()].join(', ')}`,
      );
    }
    const prefix = raw.replace(/\/+$/, '');
    if (!PREFIX.test(prefix)) {
      throw new ConfigError(
        `${variable}="${raw}" must be a path such as /compat/${name} (letters, digits, . _ ~ -)`,
      );
    }
    prefixes[name] = prefix;
  }
  return prefixes;
}

export function loadConfig(env: Env, known: KnownNames): Config {
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/profiled.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL="${databaseUrl}" must start with sqlite: or postgres://`);
  }
  return Object.freeze({
    databaseUrl,
    host: env.HOST || undefined,
    port: integer(env, 'PORT'),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES'),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', 'FULL', ['FULL', 'NORMAL']),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE'),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS'),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS'),
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS'),
    masterKey: masterKeyOf(env),
    publicUrl: publicUrlOf(env),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS'),
    sessionTtlSeconds: integer(env, 'SESSION_TTL_SECONDS'),
    passwordRules: passwordRulesOf(env),
    passwordHashCost: integer(env, 'PASSWORD_HASH_COST'),
    authRateLimit: {
      perAddress: integer(env, 'AUTH_RATE_LIMIT_PER_ADDRESS'),
      perClient: integer(env, 'AUTH_RATE_LIMIT_PER_CLIENT'),
    },
    readCacheEntries: integer(env, 'READ_CACHE_ENTRIES'),
    directorySyncIntervalSeconds: integer(env, 'DIRECTORY_SYNC_INTERVAL_SECONDS'),
    workers: integer(env, 'WORKERS'),
    adminClient: adminClientOf(env),
    compatApis: compatApisOf(env, known.compatApis),
    compatPrefixes: Object.freeze(compatPrefixesOf(env, known.compatApis)),
  });
}
