import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../src/store/database.js';

/** One query's plan: its steps, one a line, and the tables it reads in full. */
export interface Plan {
  steps: string[];
  /** Full reads, as `[alias or table, why]`. */
  scans: [string, string][];
  /** Full reads the planner chose although an index would serve (PostgreSQL, small tables). */
  preferred: string[];
}

/**
 * Partial indexes (`... where enabled = 0`) by name: walking one reads only the rows its
 * predicate keeps (the few disabled tenants or users), which is no full read of its table.
 */
async function partialIndexes(database: Database): Promise<Set<string>> {
  const query =
    database.kind === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and sql like '% where %'`
      : sql<{
          name: string;
        }>`select indexrelid::regclass::text as name from pg_index where indpred is not null`;
  const result = await query.execute(database.db);
  return new Set(result.rows.map((r) => r.name));
}

/** SQLite: EXPLAIN QUERY PLAN. `SCAN t` reads the table, `SCAN t USING INDEX i` all of an index. */
async function sqlitePlan(database: Database, query: CompiledQuery): Promise<Plan> {
  const result = await database.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  const steps = result.rows.map((r) => r.detail);
  const partial = await partialIndexes(database);
  const scans: [string, string][] = [];
  for (const step of steps) {
    const m = /^SCAN (\w+)( USING (?:COVERING )?INDEX (\w+))?/.exec(step);
    if (m && !(m[3] && partial.has(m[3]))) {
      scans.push([m[1] as string, m[2] ? 'walks a whole index' : 'no index serves the query']);
    }
  }
  return { steps, scans, preferred: [] };
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgNode[];
}

/** Literal ids and id arrays make plans unreadable: shortened. */
const shorten = (text: string) =>
  text.replace(/'[0-9a-f-]{36}'::text/g, "'…'").replace(/'\{[^}]*\}'::text\[\]/g, "'{…}'");

function pgNodes(node: PgNode): PgNode[] {
  return [node, ...(node.Plans ?? []).flatMap(pgNodes)];
}

async function pgExplain(database: Database, query: CompiledQuery, seqScanOff: boolean): Promise<PgNode[]> {
  const statement = CompiledQuery.raw(`explain (format json, costs off) ${query.sql}`, [...query.parameters]);
  const run = async (db: Database['db']) => {
    const result = await db.executeQuery<{ 'QUERY PLAN': { Plan: PgNode }[] }>(statement);
    const root = result.rows[0]?.['QUERY PLAN'][0]?.Plan;
    return root ? pgNodes(root) : [];
  };
  if (!seqScanOff) return run(database.db);
  return database.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return run(trx);
  });
}

/**
 * PostgreSQL: EXPLAIN (FORMAT JSON). A Seq Scan reads the table; an Index Scan without an index
 * condition walks the whole index. A sequential scan is explained again with enable_seqscan off,
 * to tell "no index serves it" from "the planner prefers a scan at this size".
 */
async function postgresPlan(database: Database, query: CompiledQuery): Promise<Plan> {
  const nodes = await pgExplain(database, query, false);
  const steps = nodes.map((n) =>
    [
      n['Node Type'],
      n['Index Name'] && `using ${n['Index Name']}`,
      n['Relation Name'] &&
        `on ${n['Relation Name']}${n.Alias && n.Alias !== n['Relation Name'] ? ` ${n.Alias}` : ''}`,
      n['Index Cond'] && shorten(n['Index Cond']),
    ]
      .filter(Boolean)
      .join(' '),
  );
  const scans: [string, string][] = [];
  const preferred: string[] = [];
  const partial = await partialIndexes(database);
  let forced: PgNode[] | undefined;
  for (const n of nodes) {
    const table = n['Relation Name'];
    if (!table) continue;
    if (n['Node Type'] === 'Seq Scan') {
      forced ??= await pgExplain(database, query, true);
      const still = forced.some((f) => f['Node Type'] === 'Seq Scan' && f['Relation Name'] === table);
      if (still) scans.push([table, 'no index serves the query']);
      else preferred.push(table);
    } else if (
      /^Index (Only )?Scan$/.test(n['Node Type']) &&
      !n['Index Cond'] &&
      !partial.has(n['Index Name'] ?? '')
    ) {
      scans.push([table, `walks the whole index ${n['Index Name'] ?? ''}`.trim()]);
    }
  }
  return { steps, scans, preferred };
}

export function queryPlan(database: Database, query: CompiledQuery): Promise<Plan> {
  return database.kind === 'sqlite' ? sqlitePlan(database, query) : postgresPlan(database, query);
}
