/**
 * Bulk assign of 10,000 users in one request (atomic, then not), timed from sending it to the
 * last byte of its answer, and the audit trail checked afterwards: every assignment written has
 * an event. A request the app refuses (today it takes at most 1,000 users) is an ERR row that
 * says so; then ten requests of 1,000 are timed instead, for the record.
 */
import type { BenchDatabaseKind } from './config.js';
import type { Database } from '../src/store/database.js';
import type { Seeded } from './seed.js';
import type { BenchServer } from './server.js';
import { errorRow, judge, type ResultRow, type Target } from './targets.js';

const USERS = 10_000;
/** The most users a request took when this benchmark was written. */
const TODAY_CAP = 1_000;

interface Answer {
  status: number;
  ms: number;
  body: any;
}

async function post(server: BenchServer, body: object): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${server.origin}/v1/assignments/bulk-assign`, {
    method: 'POST',
    headers: { ...server.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(300_000),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Kept as text.
  }
  return { status: res.status, ms, body: parsed };
}

/** The assignments of the answers that have no audit event written since `since`. */
async function unaudited(database: Database, since: number, answers: Answer[]): Promise<number> {
  const ids = answers.flatMap((a) =>
    (a.body.results as { assignmentIds: string[] }[]).flatMap((r) => r.assignmentIds),
  );
  const rows = await database.db
    .selectFrom('audit_events')
    .select('target_id')
    .where('target_type', '=', 'assignment')
    .where('at', '>=', since)
    .execute();
  const audited = new Set(rows.map((r) => r.target_id));
  return ids.filter((id) => !audited.has(id)).length + (ids.length < USERS ? USERS - ids.length : 0);
}

const summary = (a: Answer) =>
  typeof a.body === 'object' && a.body !== null
    ? String(a.body.detail ?? a.body.message ?? a.body.title ?? JSON.stringify(a.body)).slice(0, 160)
    : String(a.body).slice(0, 160);

/** Whether every user of every answer was assigned. */
const allApplied = (answers: Answer[], users: number) =>
  answers.every((a) => a.status === 200 && a.body.applied === true) &&
  answers.reduce((n, a) => n + (a.body.succeeded as number), 0) === users;

async function timed(
  server: BenchServer,
  database: Database,
  profileId: string,
  batches: string[][],
  atomic: boolean,
): Promise<{ answers: Answer[]; ms: number; missing: number | undefined }> {
  const since = Date.now() - 1;
  const answers: Answer[] = [];
  for (const userIds of batches) {
    answers.push(await post(server, { profileId, userIds, atomic }));
    if (answers.at(-1)?.status !== 200) break;
  }
  const ms = answers.reduce((n, a) => n + a.ms, 0);
  const users = batches.reduce((n, b) => n + b.length, 0);
  const missing = allApplied(answers, users) ? await unaudited(database, since, answers) : undefined;
  return { answers, ms, missing };
}

export async function bulkAssigns(
  server: BenchServer,
  database: Database,
  seeded: Seeded,
  kind: BenchDatabaseKind,
): Promise<ResultRow[]> {
  const target: Target | null = kind === 'sqlite' ? { kind: 'max', max: 1000, unit: 'ms' } : null;
  const users = seeded.root.userIds.slice(0, USERS);
  const rows: ResultRow[] = [];
  for (const [i, atomic] of [true, false].entries()) {
    const name = `bulk assign 10,000 users, ${atomic ? 'atomic' : 'not atomic'}`;
    if (users.length < USERS) {
      rows.push(errorRow(name, 'once', target, `the root tenant has only ${users.length} users`));
      continue;
    }
    const profileId = seeded.bulkProfileIds[i] as string;
    const one = await timed(server, database, profileId, [users], atomic);
    const answer = one.answers[0] as Answer;
    if (answer.status !== 200) {
      rows.push({
        ...errorRow(name, 'once', target, `refused: ${answer.status} ${summary(answer)}`),
        note: `a request takes at most ${TODAY_CAP.toLocaleString('en-US')} users today; ten such requests are timed below`,
      });
      const batches = Array.from({ length: USERS / TODAY_CAP }, (_, b) =>
        users.slice(b * TODAY_CAP, (b + 1) * TODAY_CAP),
      );
      const ten = await timed(server, database, profileId, batches, atomic);
      rows.push(check(`bulk assign 10 × 1,000 users, ${atomic ? 'atomic' : 'not atomic'}`, ten, null));
      continue;
    }
    rows.push(check(name, one, target));
  }
  return rows;
}

function check(
  name: string,
  run: { answers: Answer[]; ms: number; missing: number | undefined },
  target: Target | null,
): ResultRow {
  const last = run.answers.at(-1) as Answer;
  if (run.missing === undefined) {
    const why =
      last.status === 200
        ? `not every user was assigned: ${run.answers.reduce((n, a) => n + (a.body.failed as number), 0)} failed`
        : `${last.status} ${summary(last)}`;
    return errorRow(name, 'once', target, why);
  }
  if (run.missing > 0) {
    return errorRow(name, 'once', target, `audit trail incomplete: ${run.missing} assignments have no event`);
  }
  return {
    ...judge({ name, kind: 'once', value: run.ms, unit: 'ms' }, target),
    note: 'audit trail complete',
  };
}
