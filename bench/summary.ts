/**
 * The closing summary of a run: every target missed or row that erred, per database and scale,
 * and the scale rule's; the exit code BENCH_STRICT=1 turns a miss into (CI's gate).
 */
import type { ScaleResult } from './results.js';
import { fixed, type ResultRow } from './targets.js';

export interface Summary {
  text: string;
  /** 1 when `strict` and any target was missed or any row erred; else 0. */
  exitCode: 0 | 1;
  passed: number;
  missed: number;
}

export function summarize(results: readonly ScaleResult[], strict: boolean): Summary {
  const out = ['\nSummary'];
  let passed = 0;
  let missed = 0;
  const tally = (where: string, rows: readonly ResultRow[]) => {
    for (const r of rows) {
      if (r.outcome === 'PASS') passed += 1;
      if (r.outcome === 'MISS' || r.outcome === 'ERR') {
        missed += 1;
        out.push(`  ${r.outcome} ${where}: ${r.name}: ${r.why}`);
      }
    }
  };
  for (const result of results) {
    for (const db of result.databases) {
      out.push(`  ${db.database} at ${result.scale}: seeded in ${fixed(db.seeding.ms / 1000, 1)} s`);
      tally(`${db.database} ${result.scale}`, db.rows);
      for (const w of db.scanWarnings) out.push(`  ${db.database} ${result.scale}: ${w}`);
    }
    for (const s of result.skipped) out.push(`  ${result.scale}: ${s}`);
    if (result.scaleRule) tally(`p99 at ${result.scale} / ${results[0]?.scale}`, result.scaleRule);
  }
  out.push(
    `  ${passed} targets met, ${missed} missed or erred.` +
      (missed > 0 && !strict ? ' (BENCH_STRICT=1 makes a miss fail the run.)' : ''),
  );
  return { text: out.join('\n'), exitCode: strict && missed > 0 ? 1 : 0, passed, missed };
}
