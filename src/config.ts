/**
 * Configuration: read once from the environment at start, validated, frozen, passed in.
 * Nothing else reads process.env.
 */
export interface Config {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly databasePoolSize: number;
  readonly shutdownGraceMs: number;
  readonly idempotencyTtlHours: number;
}

export class ConfigError extends Error {}

/** The documented table of variables: name, default, meaning. Used by `profiled --help` and the README. */
export const configVariables = [
  ['DATABASE_URL', 'sqlite:./data/profiled.db', 'sqlite:<file> (WAL mode) or postgres://user@host:port/db'],
  ['HOST', '0.0.0.0', 'Address to listen on'],
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
  ['IDEMPOTENCY_TTL_HOURS', '24', 'How long an Idempotency-Key is remembered'],
] as const;

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
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

export function loadConfig(env: Env): Config {
  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/profiled.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL="${databaseUrl}" must start with sqlite: or postgres://`);
  }
  return Object.freeze({
    databaseUrl,
    host: env.HOST || '0.0.0.0',
    port: integer(env, 'PORT', 8080, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', 'FULL', ['FULL', 'NORMAL']),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
  });
}
