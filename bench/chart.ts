/**
 * An SVG chart of benchmark results: per scenario, its throughput as a ratio to bare Fastify and
 * its p99 latency, one bar per database and scale, with the targets marked. Plain SVG text, no
 * dependency.
 *
 *   npm run bench:chart                                  # newest result of each scale in bench/results/
 *   npm run bench:chart -- --out docs/benchmarks.svg a.json b.json
 *   npm run bench:chart -- --markdown a.json b.json      # the results as Markdown tables, on stdout
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scales } from './config.js';
import {
  readResult,
  resultsDir,
  SCALE_RULE,
  scaleRule,
  type DatabaseResult,
  type ScaleResult,
} from './results.js';
import type { ResultRow } from './targets.js';

interface Series {
  label: string;
  color: string;
  /** Per scenario name: throughput ratio and p99. */
  values: Map<string, { ratio: number | undefined; p99: number | undefined }>;
}

const palette = {
  SQLite: ['#9ecae1', '#4292c6', '#08519c'],
  PostgreSQL: ['#fdae6b', '#f16913', '#a63603'],
};

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function seriesOf(results: ScaleResult[]): Series[] {
  const ordered = [...results].sort((a, b) => a.assignments - b.assignments);
  const series: Series[] = [];
  for (const database of ['SQLite', 'PostgreSQL'] as const) {
    for (const result of ordered) {
      const db = result.databases.find((d) => d.database === database);
      if (!db) continue;
      series.push({
        label: `${database} ${result.scale}`,
        color: palette[database][Object.keys(scales).indexOf(result.scale)] as string,
        values: new Map(
          db.rows
            .filter((r) => r.kind === 'load')
            .map((r) => [r.name, { ratio: r.ratio, p99: r.outcome === 'ERR' ? undefined : r.p99Ms }]),
        ),
      });
    }
  }
  return series;
}

/** The targets of each scenario, read from the rows' target text (SQLite's, where it has one). */
function targetsOf(results: ScaleResult[]): Map<string, { ratio?: number; p99?: number }> {
  const targets = new Map<string, { ratio?: number; p99?: number }>();
  for (const result of results) {
    for (const db of result.databases) {
      for (const row of db.rows) {
        if (targets.has(row.name) && db.database !== 'SQLite') continue;
        const ratio = /≥ ([\d.]+) × Fastify/.exec(row.target)?.[1];
        const p99 = /p99 ≤ ([\d.]+) ms/.exec(row.target)?.[1];
        if (ratio || p99) {
          targets.set(row.name, {
            ...(ratio && { ratio: Number(ratio) }),
            ...(p99 && { p99: Number(p99) }),
          });
        }
      }
    }
  }
  return targets;
}

/** A log-scale axis from `min` to `max` over `width` pixels. */
function logAxis(min: number, max: number, width: number) {
  const at = (value: number) =>
    (Math.log10(Math.min(max, Math.max(min, value))) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(min)); e <= Math.floor(Math.log10(max)); e += 1) ticks.push(10 ** e);
  return { x: (value: number) => at(value) * width, ticks };
}

export function chartSvg(results: ScaleResult[]): string {
  const series = seriesOf(results);
  const targets = targetsOf(results);
  const names: string[] = [];
  for (const s of series) for (const name of s.values.keys()) if (!names.includes(name)) names.push(name);
  const scenarios = names.filter((n) => !n.startsWith('bare Fastify {'));
  const bar = 7;
  const groupH = Math.max(1, series.length) * bar + 10;
  const top = 70;
  const labelW = 300;
  const panelW = 360;
  const gap = 40;
  const height = top + scenarios.length * groupH + 50;
  const width = labelW + 2 * panelW + gap + 30;
  const ratioAxis = logAxis(0.001, 2, panelW);
  const p99Axis = logAxis(0.1, 10_000, panelW);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">profiled benchmark: throughput (ratio to bare Fastify) and p99 per scenario</text>`,
  ];
  // Legend.
  series.forEach((s, i) => {
    const x = 10 + i * 120;
    out.push(
      `<rect x="${x}" y="28" width="12" height="10" fill="${s.color}"/>`,
      `<text x="${x + 16}" y="37">${esc(s.label)}</text>`,
    );
  });
  out.push(
    `<line x1="${10 + series.length * 120}" y1="33" x2="${22 + series.length * 120}" y2="33" stroke="#d62728" stroke-width="2"/>`,
    `<text x="${26 + series.length * 120}" y="37">target (SQLite)</text>`,
  );
  const panels = [
    {
      x0: labelW,
      axis: ratioAxis,
      title: 'throughput ÷ bare Fastify (log, higher is better)',
      key: 'ratio' as const,
    },
    {
      x0: labelW + panelW + gap,
      axis: p99Axis,
      title: 'p99 latency, ms (log, lower is better)',
      key: 'p99' as const,
    },
  ];
  for (const p of panels) {
    out.push(`<text x="${p.x0}" y="${top - 12}" font-weight="bold">${esc(p.title)}</text>`);
    for (const t of p.axis.ticks) {
      const x = p.x0 + p.axis.x(t);
      out.push(
        `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 40}" stroke="#ddd"/>`,
        `<text x="${x}" y="${height - 26}" text-anchor="middle">${t >= 1 ? t.toLocaleString('en-US') : t}</text>`,
      );
    }
  }
  scenarios.forEach((name, g) => {
    const y0 = top + g * groupH;
    if (g % 2 === 1)
      out.push(
        `<rect x="0" y="${y0 - 2}" width="${width}" height="${groupH}" fill="#f6f6f6" opacity="0.6"/>`,
      );
    out.push(`<text x="${labelW - 8}" y="${y0 + groupH / 2}" text-anchor="end">${esc(name)}</text>`);
    for (const p of panels) {
      series.forEach((s, i) => {
        const value = s.values.get(name)?.[p.key];
        if (value === undefined || !Number.isFinite(value) || value <= 0) return;
        const w = Math.max(1, p.axis.x(value));
        out.push(
          `<rect x="${p.x0}" y="${y0 + i * bar}" width="${w.toFixed(1)}" height="${bar - 1}" fill="${s.color}"><title>${esc(`${s.label}: ${name}: ${value.toPrecision(3)}`)}</title></rect>`,
        );
      });
      const target = targets.get(name)?.[p.key];
      if (target !== undefined) {
        const x = p.x0 + p.axis.x(target);
        out.push(
          `<line x1="${x}" y1="${y0 - 2}" x2="${x}" y2="${y0 + groupH - 8}" stroke="#d62728" stroke-width="2"/>`,
        );
      }
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

const n = (value: number | undefined, digits: number) =>
  value === undefined || !Number.isFinite(value)
    ? '-'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One cell: a load row's rate, ratio(s) and p99, or a one-off row's value; and its outcome. */
function cell(row: ResultRow | undefined): string {
  if (!row) return '';
  const figures =
    row.kind === 'load'
      ? [
          `${n(row.rps, 0)}/s`,
          `${n(row.ratio, 3)}×`,
          ...(row.pgRatio === undefined ? [] : [`${n(row.pgRatio, 2)}× pg`]),
          `p99 ${n(row.p99Ms, 1)} ms`,
        ]
      : row.value === undefined
        ? []
        : [`${n(row.value, row.unit === '×' ? 2 : 0)} ${row.unit ?? ''}`.trim()];
  return [...figures, row.outcome === '' ? '' : `**${row.outcome}**`].filter(Boolean).join(' · ');
}

/** Markdown tables of results: per database, a row a scenario, a column a scale. */
export function markdownTables(results: ScaleResult[]): string {
  const ordered = [...results].sort((a, b) => a.assignments - b.assignments);
  const out: string[] = [];
  for (const database of ['SQLite', 'PostgreSQL'] as const) {
    const runs = ordered.filter((r) => r.databases.some((d) => d.database === database));
    if (runs.length === 0) continue;
    const dbs = runs.map((r) => r.databases.find((d) => d.database === database) as DatabaseResult);
    const names: string[] = [];
    for (const d of dbs) for (const row of d.rows) if (!names.includes(row.name)) names.push(row.name);
    out.push(
      `#### ${database}`,
      '',
      `| row | target | ${runs.map((r) => r.scale).join(' | ')} |`,
      `| --- | --- | ${runs.map(() => '---').join(' | ')} |`,
    );
    for (const name of names) {
      const rows = dbs.map((d) => d.rows.find((r) => r.name === name));
      const target = rows.find((r) => r?.target)?.target ?? '';
      out.push(`| ${name.replace(/\|/g, '\\|')} | ${target} | ${rows.map(cell).join(' | ')} |`);
    }
    out.push(
      '',
      `Seeding: ${runs.map((r, i) => `${r.scale} ${n((dbs[i]?.seeding.ms ?? NaN) / 1000, 1)} s`).join(', ')}.`,
      '',
    );
  }
  const rule = scaleRule(ordered);
  if (rule && rule.length > 0) {
    out.push(
      `#### Scale rule: p99 at ${ordered.at(-1)?.scale} over p99 at ${ordered[0]?.scale} (target ≤ ${SCALE_RULE}×)`,
      '',
      '| row | p99 | ratio |',
      '| --- | --- | --- |',
      ...rule.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${r.note ?? r.why} | ${cell(r)} |`),
      '',
    );
  }
  return out.join('\n');
}

/** The newest result file of each scale in `dir`. */
function newestPerScale(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const newest = new Map<string, string>();
  for (const f of files) {
    const scale = Object.keys(scales).find((s) => f.endsWith(`-${s}.json`));
    if (scale) newest.set(scale, join(dir, f));
  }
  return [...newest.values()];
}

function cli(argv: string[]): void {
  let out = join(resultsDir, 'chart.svg');
  let markdown = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out') out = argv[(i += 1)] ?? out;
    else if (argv[i] === '--markdown') markdown = true;
    else files.push(argv[i] as string);
  }
  const inputs = files.length > 0 ? files : newestPerScale(resultsDir);
  if (inputs.length === 0) throw new Error(`no result files given and none in ${resultsDir}`);
  const results = inputs.map(readResult);
  if (markdown) {
    console.log(markdownTables(results));
    return;
  }
  writeFileSync(out, chartSvg(results));
  console.log(`chart of ${inputs.join(', ')}: ${out}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) cli(process.argv.slice(2));
