import type { CoreContext } from '../src/core/context.js';
import { newId } from '../src/core/ids.js';
import { accessLevels, viewLevels } from '../src/core/model/levels.js';
import type { ProfileCreate } from '../src/core/schemas/profile.schema.js';
import { createProfile } from '../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../src/core/services/tenant.service.js';
import { inTransaction } from '../src/core/transaction.js';
import { seededCapabilities } from '../src/store/migrations/capability-seed.js';
import { insertAssignment } from '../src/store/repositories/assignment.repository.js';
import { findTenant } from '../src/store/repositories/tenant.repository.js';
import { insertUser } from '../src/store/repositories/user.repository.js';
import { Random } from './random.js';

const DAY = 86_400_000;

/** The shape of the installation the benchmark seeds: 5,000 users, 200 profiles, ~20,000 assignments. */
const shape = {
  children: 20,
  /** The first few children get grandchildren. */
  childrenWithGrandchildren: 5,
  grandchildrenEach: 2,
  users: { root: 2000, child: 120, grandchild: 60 },
  profiles: { root: 60, child: 6, grandchild: 2 },
  /** Assignments per user: min + random(spread). */
  assignments: { root: [3, 5], child: [2, 5], grandchild: [1, 2] },
} as const;

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
  userIds: string[];
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
  assignments: SeededAssignment[];
  counts: { tenants: number; users: number; profiles: number; grants: number; assignments: number };
  millis: number;
}

async function seedTenants(ctx: CoreContext): Promise<SeededTenant[]> {
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
      profileIds: [],
    };
    for (const ancestor of tenants)
      if (row.path.startsWith(ancestor.path)) ancestor.descendantIds.push(row.id);
    tenants.push(tenant);
    return tenant;
  };
  const root = await add('BENCH', 'Bench Holdings', undefined, 'root');
  for (let c = 1; c <= shape.children; c += 1) {
    const child = await add(`BENCH~c${String(c).padStart(2, '0')}`, `Child ${c}`, root, 'child');
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

async function seedProfiles(ctx: CoreContext, rng: Random, tenants: SeededTenant[]): Promise<number> {
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

async function seedUsers(ctx: CoreContext, rng: Random, tenants: SeededTenant[]): Promise<number> {
  let n = 0;
  const now = ctx.now();
  for (const tenant of tenants) {
    for (let i = 0; i < shape.users[tenant.level]; i += 1) {
      n += 1;
      const given = rng.pick(givenNames);
      const family = rng.pick(familyNames);
      const username = `${given}.${family}.${n}`;
      const created = now - rng.int(365) * DAY - rng.int(DAY);
      const id = newId();
      await insertUser(ctx.db, {
        id,
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
        },
        createdAt: created,
        updatedAt: created,
        version: 1,
      });
      tenant.userIds.push(id);
    }
  }
  return n;
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

async function seedAssignments(
  ctx: CoreContext,
  rng: Random,
  tenants: SeededTenant[],
): Promise<SeededAssignment[]> {
  const seeded: SeededAssignment[] = [];
  const now = ctx.now();
  for (const tenant of tenants) {
    const [min, spread] = shape.assignments[tenant.level];
    for (const userId of tenant.userIds) {
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
        await insertAssignment(ctx.db, {
          id: newId(),
          tenantId: tenant.id,
          profileId,
          userId,
          scopeTenantId,
          includeDescendants: rng.chance(0.3),
          ...window(rng, now),
          createdAt: created,
          createdBy: 'bench',
          updatedAt: created,
          updatedBy: 'bench',
          version: 1,
        });
        seeded.push({ tenantId: tenant.id, userId, scopeTenantId });
      }
    }
  }
  return seeded;
}

/**
 * Seeds the installation: tenants and profiles through the core services (their validation
 * included), users and assignments through the repositories; each phase in one transaction.
 */
export async function seed(ctx: CoreContext): Promise<Seeded> {
  const started = performance.now();
  const rng = new Random(20_261_124);
  const tenants = await inTransaction(ctx, (tx) => seedTenants(tx));
  const grants = await inTransaction(ctx, (tx) => seedProfiles(tx, rng, tenants));
  const users = await inTransaction(ctx, (tx) => seedUsers(tx, rng, tenants));
  const assignments = await inTransaction(ctx, (tx) => seedAssignments(tx, rng, tenants));
  const root = tenants[0];
  if (!root) throw new Error('no tenant was seeded');
  return {
    root,
    tenants,
    byId: new Map(tenants.map((t) => [t.id, t])),
    assignments,
    counts: {
      tenants: tenants.length,
      users,
      profiles: tenants.reduce((n, t) => n + t.profileIds.length, 0),
      grants,
      assignments: assignments.length,
    },
    millis: performance.now() - started,
  };
}
