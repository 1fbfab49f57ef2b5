import type { PlanCheck } from './explain.js';
import { fixed, type ResultRow } from './targets.js';

const columns: [string, number][] = [
  ['scenario', 44],
  ['req/s', 8],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['×Fastify', 9],
  ['×pg read', 9],
  ['measured', 10],
  ['target', 27],
  ['result', 6],
];

function line(cells: string[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(columns[0]?.[1] ?? 0) : cell.padStart(columns[i]?.[1] ?? 0)))
    .join(' ');
}

const opt = (value: number | undefined, digits: number) => (value === undefined ? '' : fixed(value, digits));

/** Prints the table of one database's run at one scale, its noise line and its error samples. */
export function printTable(heading: string, rows: ResultRow[], baselinePerRound: number[]): void {
  const out = [
    `\n${heading}`,
    line(columns.map(([title]) => title)),
    '-'.repeat(line(columns.map(() => '')).length),
  ];
  for (const row of rows) {
    out.push(
      line([
        row.name,
        opt(row.rps, 0),
        opt(row.p50Ms, 2),
        opt(row.p99Ms, 2),
        opt(row.ratio, 3),
        opt(row.pgRatio, 3),
        row.value === undefined ? '' : `${fixed(row.value, row.unit === '×' ? 2 : 0)} ${row.unit ?? ''}`,
        row.target,
        row.outcome,
      ]),
    );
  }
  if (baselinePerRound.length > 0) {
    const spread = Math.max(...baselinePerRound) / Math.min(...baselinePerRound);
    out.push(
      `bare Fastify req/s per round: ${baselinePerRound.map((r) => fixed(r, 0)).join(' / ')}` +
        (spread > 1.5 ? `  WARN: rounds differ ${fixed(spread, 1)}×, the machine is noisy` : ''),
    );
  }
  for (const row of rows) {
    if (row.outcome === 'ERR') out.push(`ERR  ${row.name}: ${row.why}`);
    for (const sample of row.errorSamples ?? []) out.push(`     ${sample}`);
    if (row.note) out.push(`note ${row.name}: ${row.note}`);
  }
  console.log(out.join('\n'));
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
