import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { capabilityHolders, effectiveAccess } from '../src/core/access/access.service.js';
import type { ActingTenant, CoreContext } from '../src/core/context.js';
import { listProfiles } from '../src/core/services/profile.service.js';
import { listUsers } from '../src/core/services/user.service.js';
import type { Database } from '../src/store/database.js';
import { queryPlan } from './plans.js';
import type { Seeded } from './seed.js';

/** Tables that grow with the installation: a full scan of one of them on a hot path is a warning. */
const growingTables = ['users', 'profiles', 'profile_capabilities', 'assignments', 'groups', 'group_members'];

export interface QueryPlan {
  /** The tables the query reads, as `table alias`. */
  reads: string;
  /** The plan, one step a line. */
  steps: string[];
  /** Growing tables the plan reads in full, with their row counts and why. */
  fullScans: string[];
  /** Growing tables the planner scans although an index would serve: right at this size, to watch. */
  notes: string[];
}

export interface PlanCheck {
  label: string;
  queries: QueryPlan[];
}

/** Records every query a piece of code runs, to explain exactly what the repositories send. */
class Recorder implements KyselyPlugin {
  recorded: PluginTransformQueryArgs[] = [];
  /** Every query built, sub-queries included, by id: only those that run are recorded. */
  private readonly built = new Map<PluginTransformQueryArgs['queryId'], PluginTransformQueryArgs>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.built.set(args.queryId, args);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const ran = this.built.get(args.queryId);
    if (ran) this.recorded.push(ran);
    this.built.clear();
    return Promise.resolve(args.result);
  }
}

/** `"table" as "alias"` and bare `from "table"` of a compiled query: alias -> table. */
function tablesOf(sqlText: string): Map<string, string> {
  const tables = new Map<string, string>();
  for (const m of sqlText.matchAll(/(?:from|join) "(\w+)"(?: as "(\w+)")?/gi)) {
    tables.set(m[2] ?? (m[1] as string), m[1] as string);
  }
  return tables;
}

async function explain(
  database: Database,
  compiled: CompiledQuery,
  rowCounts: Map<string, number>,
): Promise<QueryPlan> {
  const tables = tablesOf(compiled.sql);
  const plan = await queryPlan(database, compiled);
  const fullScans = plan.scans
    .map(([name, why]) => [tables.get(name) ?? name, why] as const)
    .filter(([table]) => growingTables.includes(table))
    .map(([table, why]) => `${table} (${rowCounts.get(table) ?? '?'} rows): ${why}`);
  const notes = plan.preferred
    .filter((table) => growingTables.includes(table))
    .map(
      (table) =>
        `${table} (${rowCounts.get(table) ?? '?'} rows): Seq Scan although an index serves; the planner prefers it at this size`,
    );
  const reads = [...tables]
    .map(([alias, table]) => (alias === table ? table : `${table} ${alias}`))
    .join(', ');
  return { reads, steps: plan.steps, fullScans, notes };
}

async function countRows(database: Database): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of growingTables) {
    const row = await database.db
      .selectFrom(table as 'users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts.set(table, Number(row.n));
  }
  return counts;
}

/**
 * Explains the queries behind the hot endpoints as the services send them (acting from the root
 * tenant; the acting-tenant lookup itself reads only the small tenants table). PostgreSQL gets ANALYZE first
 * (autovacuum would soon do the same after a bulk load), so its planner sees real row counts.
 */
export async function checkPlans(database: Database, seeded: Seeded): Promise<PlanCheck[]> {
  if (database.kind === 'postgres') await database.db.executeQuery(CompiledQuery.raw('analyze'));
  const rowCounts = await countRows(database);
  const recorder = new Recorder();
  const ctx: CoreContext = { db: database.db.withPlugin(recorder), now: Date.now, actor: 'bench' };
  // An assignment of the root scoped to a tenant below it (the sample has one at every scale).
  const rootAssignment = seeded.assignments.find(
    (a) => a.tenantId === seeded.root.id && a.scopeTenantId !== seeded.root.id,
  );
  const child = (rootAssignment && seeded.byId.get(rootAssignment.scopeTenantId)) ?? seeded.root;
  const paths: [string, (acting: ActingTenant) => Promise<unknown>][] = [
    [
      'effective access',
      (acting) => effectiveAccess(ctx, acting, { userId: rootAssignment?.userId ?? '', tenant: child.code }),
    ],
    [
      'capability holders',
      (acting) =>
        capabilityHolders(ctx, acting, {
          capability: 'Security',
          tenant: child.code,
          level: 'Read',
          limit: 50,
        }),
    ],
    [
      'profiles, filtered',
      (acting) => listProfiles(ctx, acting, { filter: 'name sw "ANAL" and enabled eq true', limit: 50 }),
    ],
    [
      'users, next page',
      async (acting) => {
        const first = await listUsers({ ...ctx, db: database.db }, acting, { limit: 50 });
        return listUsers(ctx, acting, { limit: 50, cursor: first.nextCursor ?? undefined });
      },
    ],
  ];
  const acting: ActingTenant = { id: seeded.root.id, path: seeded.root.path };
  const checks: PlanCheck[] = [];
  for (const [label, run] of paths) {
    recorder.recorded = [];
    await run(acting);
    const queries: QueryPlan[] = [];
    for (const { node, queryId } of recorder.recorded) {
      queries.push(await explain(database, database.db.getExecutor().compileQuery(node, queryId), rowCounts));
    }
    checks.push({ label, queries });
  }
  return checks;
}
