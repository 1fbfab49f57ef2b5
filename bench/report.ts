import type { PlanCheck } from './explain.js';
import type { Measurement } from './load.js';
import type { Target } from './scenarios.js';

export interface ScenarioResult {
  name: string;
  measurement: Measurement;
  target: Target | null;
}

interface Baseline {
  requestsPerSecond: number;
  p99Ms: number;
}

export type Outcome = 'PASS' | 'MISS' | 'ERR' | '';

interface Row {
  result: ScenarioResult;
  throughputRatio: number;
  p99Ratio: number;
  outcome: Outcome;
}

function judge(result: ScenarioResult, baseline: Baseline): Row {
  const m = result.measurement;
  const throughputRatio = m.requestsPerSecond / baseline.requestsPerSecond;
  const p99Ratio = m.p99Ms / baseline.p99Ms;
  let outcome: Outcome = '';
  if (m.errors > 0 || m.completed === 0) outcome = 'ERR';
  else if (result.target) {
    const met = throughputRatio >= result.target.minThroughput && p99Ratio <= result.target.maxP99;
    outcome = met ? 'PASS' : 'MISS';
  }
  return { result, throughputRatio, p99Ratio, outcome };
}

const num = (value: number, digits: number) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

const columns: [string, number][] = [
  ['scenario', 36],
  ['req/s', 8],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['thr×base', 9],
  ['target', 8],
  ['p99×base', 9],
  ['target', 7],
  ['result', 7],
];

function line(cells: string[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(columns[0]?.[1] ?? 0) : cell.padStart(columns[i]?.[1] ?? 0)))
    .join(' ');
}

/**
 * Prints the table of one database's run; answers each scenario's outcome with the reason of a miss.
 * `perRound` is the baseline's throughput in each round, shown as a measure of the machine's noise.
 */
export function printTable(
  heading: string,
  base: ScenarioResult,
  perRound: number[],
  results: ScenarioResult[],
): { name: string; outcome: Outcome; why: string }[] {
  const baseline = { requestsPerSecond: base.measurement.requestsPerSecond, p99Ms: base.measurement.p99Ms };
  const rows = results.map((r) => judge(r, baseline));
  const out = [
    `\n${heading}`,
    line(columns.map(([title]) => title)),
    '-'.repeat(line(columns.map(() => '')).length),
  ];
  for (const row of [judge(base, baseline), ...rows]) {
    const m = row.result.measurement;
    const t = row.result.target;
    out.push(
      line([
        row.result.name,
        num(m.requestsPerSecond, 0),
        num(m.p50Ms, 2),
        num(m.p99Ms, 2),
        num(row.throughputRatio, 3),
        t ? `≥ ${t.minThroughput}` : '',
        num(row.p99Ratio, 1),
        t ? `≤ ${t.maxP99}` : '',
        row.outcome,
      ]),
    );
  }
  const spread = Math.max(...perRound) / Math.min(...perRound);
  out.push(
    `baseline req/s per round: ${perRound.map((r) => num(r, 0)).join(' / ')}` +
      (spread > 1.5 ? `  WARN: rounds differ ${num(spread, 1)}×, the machine is noisy` : ''),
  );
  for (const r of [base, ...results]) {
    for (const sample of r.measurement.errorSamples) out.push(`ERR  ${r.name}: ${sample}`);
  }
  console.log(out.join('\n'));
  return rows.map((row) => {
    const t = row.result.target;
    const m = row.result.measurement;
    const why =
      row.outcome === 'ERR'
        ? `${m.errors} unexpected answers`
        : row.outcome === 'MISS' && t
          ? [
              row.throughputRatio < t.minThroughput &&
                `throughput ${num(row.throughputRatio, 3)}× < ${t.minThroughput}×`,
              row.p99Ratio > t.maxP99 && `p99 ${num(row.p99Ratio, 1)}× > ${t.maxP99}×`,
            ]
              .filter(Boolean)
              .join(', ')
          : '';
    return { name: row.result.name, outcome: row.outcome, why };
  });
}

/** Prints each hot path's query plans, one line a query; answers the full-scan warnings. */
export function printPlans(checks: PlanCheck[]): string[] {
  const out = ['\nQuery plans of the hot paths, as the services send them'];
  const warnings: string[] = [];
  const notes: string[] = [];
  for (const check of checks) {
    out.push(`  ${check.label}`);
    check.queries.forEach((q, i) => {
      out.push(`    q${i + 1} ${q.reads}: ${q.steps.map((s) => s.trim()).join(' | ')}`);
      for (const scan of q.fullScans) warnings.push(`WARN full scan in ${check.label} q${i + 1}: ${scan}`);
      for (const note of q.notes) notes.push(`note ${check.label} q${i + 1}: ${note}`);
    });
  }
  out.push(
    ...notes,
    ...(warnings.length > 0 ? warnings : ['no full scan of a growing table on these paths']),
  );
  console.log(out.join('\n'));
  return warnings;
}
