import type { CoreContext } from '../src/core/context.js';
import { newId } from '../src/core/ids.js';
import { accessLevels, viewLevels } from '../src/core/model/levels.js';
import type { ProfileCreate } from '../src/core/schemas/profile.schema.js';
import { createProfile } from '../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../src/core/services/tenant.service.js';
import { inTransaction } from '../src/core/transaction.js';
import { seededCapabilities } from '../src/store/migrations/capability-seed.js';
import { assignmentToRow } from '../src/store/codecs/assignment.codec.js';
import { userToRow } from '../src/store/codecs/user.codec.js';
import { findTenant } from '../src/store/repositories/tenant.repository.js';
import { BulkLoader } from './bulk-load.js';
import type { BenchDatabase } from './databases.js';
import { Random } from './random.js';

const DAY = 86_400_000;

/**
 * The shape of the installation for a number of assignments: users are a quarter of them, and
 * the tenants grow with them too (20 children per 100,000 assignments, a quarter of the children
 * with two grandchildren each). The root holds 40% of the users, the children 48%, the
 * grandchildren 12%; a child always has 600 users and a grandchild 300, whatever the scale.
 */
export function shapeFor(assignments: number) {
  const users = assignments / 4;
  const children = Math.max(1, Math.round(assignments / 5000));
  const childrenWithGrandchildren = Math.max(1, Math.round(children / 4));
  const grandchildrenEach = 2;
  return {
    children,
    childrenWithGrandchildren,
    grandchildrenEach,
    users: {
      root: Math.round(users * 0.4),
      child: Math.round((users * 0.48) / children),
      grandchild: Math.round((users * 0.12) / (childrenWithGrandchildren * grandchildrenEach)),
    },
    profiles: { root: 60, child: 6, grandchild: 2 },
    /** Assignments per user: min + random(spread). About 4 a user on average. */
    assignments: { root: [3, 5], child: [2, 5], grandchild: [1, 2] },
  } as const;
}
type Shape = ReturnType<typeof shapeFor>;

/** How many seeded assignments the scenarios draw their requests from. */
const ASSIGNMENT_SAMPLE = 20_000;
/** How many user ids of each tenant the scenarios may use (the root's: the bulk assign's 10,000). */
const USER_SAMPLE = { root: 10_000, child: 600, grandchild: 300 } as const;

export const profileFamilies = [
  'ANALYST',
  'AUDITOR',
  'DATA_STEWARD',
  'PARTNER_ADMIN',
  'REPORT_VIEWER',
  'SECURITY_OFFICER',
] as const;

export interface SeededTenant {
  id: string;
  code: string;
  path: string;
  level: 'root' | 'child' | 'grandchild';
  /** Ids of the tenants strictly below this one. */
  descendantIds: string[];
  /** A sample of the tenant's users (the first seeded; see USER_SAMPLE). */
  userIds: string[];
  /** How many users the tenant has. */
  userCount: number;
  profileIds: string[];
}

export interface SeededAssignment {
  tenantId: string;
  userId: string;
  scopeTenantId: string;
}

export interface Seeded {
  root: SeededTenant;
  tenants: SeededTenant[];
  byId: Map<string, SeededTenant>;
  /** An evenly spread sample of the assignments (about ASSIGNMENT_SAMPLE). */
  assignments: SeededAssignment[];
  /** Two profiles of the root that nobody holds, for the bulk assigns. */
  bulkProfileIds: [string, string];
  counts: { tenants: number; users: number; profiles: number; grants: number; assignments: number };
  millis: number;
  /** Milliseconds per phase: tenants and profiles (services), rows (bulk), indexes (rebuilt). */
  phases: { services: number; rows: number; indexes: number };
}

async function seedTenants(ctx: CoreContext, shape: Shape): Promise<SeededTenant[]> {
  const tenants: SeededTenant[] = [];
  const add = async (
    code: string,
    name: string,
    parent: SeededTenant | undefined,
    level: SeededTenant['level'],
  ) => {
    const created = await createTenant(
      ctx,
      parent ? { id: parent.id, path: parent.path } : wholeInstallation,
      {
        code,
        name,
        ...(parent && { parentId: parent.id }),
        address: { city: `${name} City`, country: 'NL' },
        settings: { timezone: 'Europe/Amsterdam' },
      },
    );
    const row = await findTenant(ctx.db, '', created.id);
    if (!row) throw new Error(`seeded tenant ${code} cannot be read back`);
    const tenant: SeededTenant = {
      id: row.id,
      code,
      path: row.path,
      level,
      descendantIds: [],
      userIds: [],
      userCount: 0,
      profileIds: [],
    };
    for (const ancestor of tenants)
      if (row.path.startsWith(ancestor.path)) ancestor.descendantIds.push(row.id);
    tenants.push(tenant);
    return tenant;
  };
  const root = await add('BENCH', 'Bench Holdings', undefined, 'root');
  for (let c = 1; c <= shape.children; c += 1) {
    const child = await add(`BENCH~c${String(c).padStart(4, '0')}`, `Child ${c}`, root, 'child');
    if (c > shape.childrenWithGrandchildren) continue;
    for (let g = 1; g <= shape.grandchildrenEach; g += 1) {
      await add(`${child.code}~g${g}`, `Child ${c} unit ${g}`, child, 'grandchild');
    }
  }
  return tenants;
}

function profileInput(rng: Random, family: string, n: number): ProfileCreate {
  const capabilities = rng.sample(seededCapabilities, 4 + rng.int(5)).map((c) => ({
    capability: c.name,
    accessLevel: rng.pick(accessLevels.slice(1)),
    viewLevel: rng.pick(viewLevels),
  }));
  return {
    name: `${family}_${n}`,
    description: `${family.toLowerCase().replace('_', ' ')} profile number ${n}, seeded by the benchmark`,
    enabled: !rng.chance(0.05),
    audience: rng.chance(0.2) ? 'accessible-tenants' : 'tenant',
    capabilities,
    additionalCapabilities: rng.sample(
      ['Approve', 'DataUpload', 'ExportData', 'Publish', 'Schedule'],
      rng.int(4),
    ),
    roles: [family.toLowerCase(), ...(rng.chance(0.3) ? ['reviewer'] : [])],
    sessionDurationSeconds: rng.chance(0.5) ? 3600 * (1 + rng.int(12)) : null,
    desiredGroups: rng.chance(0.5) ? [{ name: `${family} members`, provider: 'ldap', sid: null }] : [],
    permissions: rng.chance(0.4)
      ? [
          {
            permissionId: `perm-${family.toLowerCase()}-${n}`,
            name: `${family} permission`,
            resourceType: 'tenant',
            variables: [{ name: 'region', value: rng.pick(['eu-west', 'us-east', 'ap-south']) }],
          },
        ]
      : [],
  };
}

async function seedProfiles(
  ctx: CoreContext,
  rng: Random,
  tenants: SeededTenant[],
  shape: Shape,
): Promise<number> {
  let grants = 0;
  for (const tenant of tenants) {
    const count = shape.profiles[tenant.level];
    for (let i = 0; i < count; i += 1) {
      const family = profileFamilies[i % profileFamilies.length] as string;
      const profile = await createProfile(ctx, tenant, profileInput(rng, family, i));
      tenant.profileIds.push(profile.id);
      grants += profile.capabilities.length;
    }
  }
  return grants;
}

const givenNames = [
  'ada',
  'grace',
  'alan',
  'edsger',
  'barbara',
  'donald',
  'frances',
  'ken',
  'margaret',
  'niklaus',
];
const familyNames = [
  'lovelace',
  'hopper',
  'turing',
  'dijkstra',
  'liskov',
  'knuth',
  'allen',
  'thompson',
  'hamilton',
];

function userRow(rng: Random, tenant: SeededTenant, n: number, now: number) {
  const given = rng.pick(givenNames);
  const family = rng.pick(familyNames);
  const username = `${given}.${family}.${n}`;
  const created = now - rng.int(365) * DAY - rng.int(DAY);
  return userToRow({
    id: newId(),
    tenantId: tenant.id,
    username,
    displayName: null,
    employeeId: null,
    email: `${username}@example.com`,
    givenName: given,
    familyName: family,
    nickname: null,
    role: rng.chance(0.1) ? 'manager' : null,
    locale: rng.pick(['en-US', 'nl-NL', 'fr-FR']),
    enabled: !rng.chance(0.02),
    directory: {
      provider: 'ldap',
      fqdn: 'corp.example.com',
      sid: `S-1-5-21-${n}`,
      actualGroups: rng.sample(['Everyone', 'Analysts', 'Finance', 'Partner Admins'], 1 + rng.int(2)),
      actualAttributes: [{ name: 'department', value: rng.pick(['Finance', 'Sales', 'IT']) }],
      directoryId: null,
      externalId: null,
      vanishedAt: null,
    },
    createdAt: created,
    updatedAt: created,
    version: 1,
  });
}

/** A validity window: mostly open or currently active, some expired, some in the future. */
function window(rng: Random, now: number): { validFrom: number | null; validUntil: number | null } {
  const roll = rng.next();
  if (roll < 0.5) return { validFrom: null, validUntil: null };
  if (roll < 0.7)
    return { validFrom: now - (1 + rng.int(90)) * DAY, validUntil: now + (1 + rng.int(90)) * DAY };
  if (roll < 0.85)
    return { validFrom: now - (100 + rng.int(200)) * DAY, validUntil: now - (1 + rng.int(90)) * DAY };
  return { validFrom: now + (1 + rng.int(60)) * DAY, validUntil: rng.chance(0.5) ? null : now + 120 * DAY };
}

/**
 * Users and their assignments, tenant by tenant, written by the bulk loader as the store's codecs
 * make their rows. Only samples stay in memory: an even spread of the assignments, and the first
 * users of each tenant.
 */
async function seedUsersAndAssignments(
  loader: BulkLoader,
  rng: Random,
  tenants: SeededTenant[],
  shape: Shape,
  expected: number,
  now: number,
): Promise<{ users: number; assignments: number; sample: SeededAssignment[] }> {
  const sample: SeededAssignment[] = [];
  const stride = Math.max(1, Math.floor(expected / ASSIGNMENT_SAMPLE));
  let users = 0;
  let assignments = 0;
  for (const tenant of tenants) {
    const [min, spread] = shape.assignments[tenant.level];
    for (let i = 0; i < shape.users[tenant.level]; i += 1) {
      users += 1;
      const user = userRow(rng, tenant, users, now);
      await loader.add('users', user);
      tenant.userCount += 1;
      if (tenant.userIds.length < USER_SAMPLE[tenant.level]) tenant.userIds.push(user.id);
      const taken = new Set<string>();
      const wanted = min + rng.int(spread);
      for (let attempt = 0; attempt < wanted * 3 && taken.size < wanted; attempt += 1) {
        const profileId = rng.pick(tenant.profileIds);
        const below = tenant.descendantIds.length > 0 && rng.chance(0.4);
        const scopeTenantId = below ? rng.pick(tenant.descendantIds) : tenant.id;
        const key = `${profileId}/${scopeTenantId}`;
        if (taken.has(key)) continue;
        taken.add(key);
        const created = now - rng.int(180) * DAY;
        await loader.add(
          'assignments',
          assignmentToRow({
            id: newId(),
            tenantId: tenant.id,
            profileId,
            userId: user.id,
            scopeTenantId,
            includeDescendants: rng.chance(0.3),
            ...window(rng, now),
            createdAt: created,
            createdBy: 'bench',
            updatedAt: created,
            updatedBy: 'bench',
            version: 1,
          }),
        );
        if (assignments % stride === 0) sample.push({ tenantId: tenant.id, userId: user.id, scopeTenantId });
        assignments += 1;
      }
    }
  }
  return { users, assignments, sample };
}

/**
 * Seeds an installation of about `assignments` assignments (see shapeFor): tenants and profiles
 * through the core services (their validation included), each phase in one transaction; users
 * and assignments, the bulk of it, through the bulk loader.
 */
export async function seed(ctx: CoreContext, bench: BenchDatabase, assignments: number): Promise<Seeded> {
  const started = performance.now();
  const shape = shapeFor(assignments);
  const rng = new Random(20_261_124);
  const tenants = await inTransaction(ctx, (tx) => seedTenants(tx, shape));
  const grants = await inTransaction(ctx, (tx) => seedProfiles(tx, rng, tenants, shape));
  const root = tenants[0];
  if (!root) throw new Error('no tenant was seeded');
  const bulkProfileIds = await inTransaction(ctx, async (tx) => {
    const made: string[] = [];
    for (const name of ['BULK_ATOMIC', 'BULK_EACH']) {
      made.push(
        (await createProfile(tx, root, { name, description: 'for the bulk assigns', capabilities: [] })).id,
      );
    }
    return made as [string, string];
  });
  const servicesDone = performance.now();
  const loader = await BulkLoader.open(bench, ['users', 'assignments']);
  const loaded = await seedUsersAndAssignments(loader, rng, tenants, shape, assignments, ctx.now());
  const rowsDone = performance.now();
  await loader.finish();
  const phases = {
    services: servicesDone - started,
    rows: rowsDone - servicesDone,
    indexes: performance.now() - rowsDone,
  };
  return {
    root,
    tenants,
    byId: new Map(tenants.map((t) => [t.id, t])),
    assignments: loaded.sample,
    bulkProfileIds,
    counts: {
      tenants: tenants.length,
      users: loaded.users,
      profiles: tenants.reduce((n, t) => n + t.profileIds.length, 0) + bulkProfileIds.length,
      grants,
      assignments: loaded.assignments,
    },
    millis: performance.now() - started,
    phases,
  };
}
