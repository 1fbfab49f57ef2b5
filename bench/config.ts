export type BenchDatabaseKind = 'sqlite' | 'postgres';

/** The installation sizes `--scale` names: the number of assignments seeded. */
export const scales = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 } as const;
export type ScaleName = keyof typeof scales;

export interface BenchConfig {
  /** Measured seconds per scenario. */
  seconds: number;
  /** The measured seconds are split into this many rounds, interleaved with the baselines'. */
  rounds: number;
  /** Unmeasured seconds per scenario before the first round (JIT, caches, connections). */
  warmupSeconds: number;
  connections: number;
  /** The service's WORKERS: processes answering the measured requests (default 1). */
  workers: number;
  /** Exit non-zero when a target is missed. */
  strict: boolean;
  databases: BenchDatabaseKind[];
  postgresUrl: string;
  /** The scales to run, smallest first. */
  scales: ScaleName[];
  /** Where the results of each scale are written: a directory, or `{scale}` in a file name. */
  out: string | undefined;
  /** PostgreSQL is not seeded above this many assignments (seeding 10M there takes too long). */
  postgresMaxAssignments: number;
  /**
   * Only the rows whose names contain one of these (case-insensitive); empty: every row. The two
   * baselines always run, as every ratio needs them.
   */
  only: string[];
}

/** Whether a row runs under `BENCH_ONLY`. */
export function selected(config: Pick<BenchConfig, 'only'>, name: string): boolean {
  const lower = name.toLowerCase();
  return config.only.length === 0 || config.only.some((part) => lower.includes(part));
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

/** `--scale 100k`, `--scale=1m`, `--scale 100k,1m,10m`; default 100k. */
export function parseScales(argv: readonly string[]): ScaleName[] {
  let text = '100k';
  argv.forEach((arg, i) => {
    if (arg === '--scale') text = argv[i + 1] ?? '';
    else if (arg.startsWith('--scale=')) text = arg.slice('--scale='.length);
  });
  const names = text.split(',').map((s) => s.trim().toLowerCase());
  for (const name of names) {
    if (!(name in scales))
      throw new Error(`--scale takes ${Object.keys(scales).join(', ')} (or a list), not "${name}"`);
  }
  return [...new Set(names as ScaleName[])].sort((a, b) => scales[a] - scales[b]);
}

/** The benchmark's settings, from BENCH_* environment variables and `--scale`. */
export function loadBenchConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): BenchConfig {
  const databases = (env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  for (const d of databases) {
    if (d !== 'sqlite' && d !== 'postgres')
      throw new Error(`BENCH_DATABASES lists "${d}": use sqlite and/or postgres`);
  }
  return {
    seconds: positive(env, 'BENCH_SECONDS', 3, 600),
    rounds: Math.round(positive(env, 'BENCH_ROUNDS', 3, 100)),
    warmupSeconds: positive(env, 'BENCH_WARMUP_SECONDS', 0.5, 60),
    connections: Math.round(positive(env, 'BENCH_CONNECTIONS', 50, 256)),
    workers: Math.round(positive(env, 'BENCH_WORKERS', 1, 256)),
    strict: env.BENCH_STRICT === '1',
    databases: databases as BenchDatabaseKind[],
    postgresUrl:
      env.BENCH_POSTGRES_URL ??
      env.PROFILED_TEST_POSTGRES_URL ??
      'postgres://postgres@127.0.0.1:5432/postgres',
    scales: parseScales(argv),
    out: env.BENCH_OUT || undefined,
    postgresMaxAssignments: positive(env, 'BENCH_POSTGRES_MAX_ASSIGNMENTS', scales['10m'], 1e9),
    only: (env.BENCH_ONLY ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  };
}
