/**
 * The targets of issue #11 and how a measured row is judged against them. A throughput target is
 * a ratio to a baseline measured in the same run (see baselines.ts), optionally with a p99 bound
 * in milliseconds; the token endpoint's is absolute (requests a second); the one-off measurements
 * (bulk assign, cold start, idle memory) have a bound of their own.
 */
export type Target =
  | { kind: 'ratio'; of: 'fastify' | 'pgRead'; min: number; maxP99Ms?: number }
  | { kind: 'rate'; min: number }
  | { kind: 'max'; max: number; unit: 'ms' | 'MB' };

export type Outcome = 'PASS' | 'MISS' | 'ERR' | '';

/** One row of the results: a scenario under load, or a one-off measurement. */
export interface ResultRow {
  name: string;
  /** `load`: a scenario in rounds; `once`: measured on its own (value and unit). */
  kind: 'load' | 'once';
  /** A baseline's row. */
  baseline?: boolean;
  /** A row of the targets table: the scale rule compares its p99 across scales. */
  inTable?: boolean;
  rps?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Throughput over bare Fastify's. */
  ratio?: number;
  /** Throughput over the pg-read baseline's (PostgreSQL). */
  pgRatio?: number;
  value?: number;
  unit?: string;
  /** The target as text, '' for none. */
  target: string;
  outcome: Outcome;
  /** Why a row missed or erred. */
  why: string;
  errors?: number;
  errorSamples?: string[];
  /** What else the row says (e.g. what a refused request answered). */
  note?: string;
}

export const fixed = (value: number, digits: number) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

export function describeTarget(target: Target | null): string {
  if (!target) return '';
  switch (target.kind) {
    case 'ratio':
      return (
        `≥ ${target.min} × ${target.of === 'fastify' ? 'Fastify' : 'pg read'}` +
        (target.maxP99Ms === undefined ? '' : `, p99 ≤ ${target.maxP99Ms} ms`)
      );
    case 'rate':
      return `≥ ${fixed(target.min, 0)}/s`;
    case 'max':
      return `< ${fixed(target.max, 0)} ${target.unit}`;
  }
}

/** Judges a row that has its figures; `errors` makes it ERR whatever the figures. */
export function judge(row: Omit<ResultRow, 'target' | 'outcome' | 'why'>, target: Target | null): ResultRow {
  const described = describeTarget(target);
  const failed = (why: string): ResultRow => ({ ...row, target: described, outcome: 'ERR', why });
  if ((row.errors ?? 0) > 0) return failed(`${row.errors} unexpected answers`);
  if (row.kind === 'load' && !(row.rps !== undefined && row.rps > 0)) return failed('no request completed');
  if (!target) return { ...row, target: described, outcome: '', why: '' };
  const misses: string[] = [];
  switch (target.kind) {
    case 'ratio': {
      const ratio = target.of === 'fastify' ? row.ratio : row.pgRatio;
      if (ratio === undefined) return failed('no baseline to compare with');
      if (ratio < target.min) misses.push(`throughput ${fixed(ratio, 3)}× < ${target.min}×`);
      if (target.maxP99Ms !== undefined && !((row.p99Ms ?? Infinity) <= target.maxP99Ms))
        misses.push(`p99 ${fixed(row.p99Ms ?? NaN, 1)} ms > ${target.maxP99Ms} ms`);
      break;
    }
    case 'rate':
      if (!((row.rps ?? 0) >= target.min)) misses.push(`${fixed(row.rps ?? 0, 0)}/s < ${target.min}/s`);
      break;
    case 'max':
      if (row.value === undefined) return failed('not measured');
      if (!(row.value < target.max))
        misses.push(`${fixed(row.value, 0)} ${target.unit} ≥ ${target.max} ${target.unit}`);
      break;
  }
  return { ...row, target: described, outcome: misses.length > 0 ? 'MISS' : 'PASS', why: misses.join(', ') };
}

/** The rows that are errors of their own (something that could not be measured). */
export function errorRow(
  name: string,
  kind: ResultRow['kind'],
  target: Target | null,
  why: string,
): ResultRow {
  return { name, kind, target: describeTarget(target), outcome: 'ERR', why };
}
