export type BenchDatabaseKind = 'sqlite' | 'postgres';

export interface BenchConfig {
  /** Measured seconds per scenario. */
  seconds: number;
  /** The measured seconds are split into this many rounds, interleaved with the baseline's. */
  rounds: number;
  /** Unmeasured seconds per scenario before the first round (JIT, caches, connections). */
  warmupSeconds: number;
  connections: number;
  /** Exit non-zero when a target is missed. */
  strict: boolean;
  databases: BenchDatabaseKind[];
  postgresUrl: string;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`${name} must be a number above 0 and at most ${max}, not "${raw}"`);
  }
  return value;
}

/** The benchmark's settings, from BENCH_* environment variables. */
export function loadBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const databases = (env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  for (const d of databases) {
    if (d !== 'sqlite' && d !== 'postgres')
      throw new Error(`BENCH_DATABASES lists "${d}": use sqlite and/or postgres`);
  }
  return {
    seconds: positive(env, 'BENCH_SECONDS', 3, 600),
    rounds: Math.round(positive(env, 'BENCH_ROUNDS', 3, 100)),
    warmupSeconds: positive(env, 'BENCH_WARMUP_SECONDS', 0.5, 60),
    connections: Math.round(positive(env, 'BENCH_CONNECTIONS', 12, 256)),
    strict: env.BENCH_STRICT === '1',
    databases: databases as BenchDatabaseKind[],
    postgresUrl:
      env.BENCH_POSTGRES_URL ??
      env.PROFILED_TEST_POSTGRES_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
  };
}
