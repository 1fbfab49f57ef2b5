import { accessLevels } from '../src/core/model/levels.js';
import { seededCapabilities } from '../src/store/migrations/capability-seed.js';
import type { Endpoint, RequestSpec } from './load-protocol.js';
import { Random } from './random.js';
import { profileFamilies, type Seeded, type SeededTenant } from './seed.js';
import { send } from './server.js';

/**
 * A scenario's performance target, as ratios to the baseline measured in the same run:
 * its throughput must be at least `minThroughput` times the baseline's, and its p99 latency at most
 * `maxP99` times the baseline's p99. Each is set from what the code reaches on the slower of the
 * two databases, with room for a noisy machine; bench/README.md says why each is what it is.
 */
export interface Target {
  minThroughput: number;
  maxP99: number;
}

export interface Scenario {
  name: string;
  requests: RequestSpec[];
  target: Target | null;
}

const DAY = 86_400_000;
/**
 * The headers that act from `tenant`: none for the root (the credential's own tenant: a client
 * acting there names none), else Target-Tenant with the tenant's code.
 */
const actingAs = (tenant: SeededTenant): Record<string, string> =>
  tenant.level === 'root' ? {} : { 'target-tenant': tenant.code };
const query = (params: Record<string, string | undefined>) => {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`;
};
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const capabilityNames = seededCapabilities.map((c) => c.name);

/** The baseline: the cheapest route, through the same server, client and connections. */
export const baseline: Scenario = {
  name: 'GET /healthz (baseline)',
  requests: [{ method: 'GET', path: '/healthz', headers: {}, expect: [200] }],
  target: null,
};

function effectiveAccess(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(500, () => {
    const a = rng.pick(seeded.assignments);
    const owner = seeded.byId.get(a.tenantId) as SeededTenant;
    const about =
      a.scopeTenantId !== a.tenantId && rng.chance(0.5) ? seeded.byId.get(a.scopeTenantId) : undefined;
    return {
      method: 'GET',
      path: `/v1/users/${a.userId}/access${query({ tenant: about?.code })}`,
      headers: actingAs(owner),
      expect: [200],
    };
  });
}

function accessCheck(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(500, () => {
    const a = rng.pick(seeded.assignments);
    const owner = seeded.byId.get(a.tenantId) as SeededTenant;
    const about = a.scopeTenantId === a.tenantId ? undefined : seeded.byId.get(a.scopeTenantId);
    const body = {
      user: a.userId,
      capability: rng.pick(capabilityNames),
      level: rng.pick(accessLevels.slice(1)),
      ...(about && { tenant: about.code }),
    };
    return {
      method: 'POST',
      path: '/v1/access/check',
      headers: actingAs(owner),
      body: JSON.stringify(body),
      expect: [200],
    };
  });
}

function filteredProfiles(seeded: Seeded, rng: Random): RequestSpec[] {
  const filters = [
    'enabled eq true',
    ...profileFamilies.map((f) => `name sw "${f.slice(0, 4)}"`),
    'name co "_1" and enabled eq true',
    'audience eq "tenant" or sessionDurationSeconds gt 7200',
  ];
  return times(200, () => {
    const tenant = rng.chance(0.75) ? seeded.root : rng.pick(seeded.tenants);
    return {
      method: 'GET',
      path: `/v1/profiles${query({ limit: '50', filter: rng.pick(filters) })}`,
      headers: actingAs(tenant),
      expect: [200],
    };
  });
}

/** Every page after the first of the root tenant's users, following nextCursor from the server. */
async function userPages(seeded: Seeded, endpoint: Endpoint): Promise<RequestSpec[]> {
  const pages: RequestSpec[] = [];
  let cursor: string | null = null;
  do {
    const spec: RequestSpec = {
      method: 'GET',
      path: `/v1/users${query({ limit: '50', cursor: cursor ?? undefined })}`,
      headers: actingAs(seeded.root),
      expect: [200],
    };
    if (cursor !== null) pages.push(spec);
    const page: { nextCursor: string | null } = await send(endpoint, spec);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return pages;
}

function holders(seeded: Seeded, rng: Random): RequestSpec[] {
  return times(300, () => {
    const roll = rng.next();
    const levels = seeded.tenants.filter(
      (t) => t.level === (roll < 0.2 ? 'root' : roll < 0.8 ? 'child' : 'grandchild'),
    );
    return {
      method: 'GET',
      path: `/v1/capabilities/${rng.pick(capabilityNames)}/holders${query({
        tenant: rng.pick(levels).code,
        level: rng.pick(accessLevels.slice(1)),
      })}`,
      headers: actingAs(seeded.root),
      expect: [200],
    };
  });
}

function profileWithETag(seeded: Seeded, rng: Random): RequestSpec[] {
  const all = seeded.tenants.flatMap((t) => t.profileIds.map((id) => ({ tenant: t, id })));
  return rng.sample(all, all.length).map(({ tenant, id }) => ({
    method: 'GET',
    path: `/v1/profiles/${id}`,
    headers: actingAs(tenant),
    expect: [200],
    expectHeader: 'etag',
  }));
}

/** New assignments (201), or, when a (profile, user, scope) repeats, a changed window (200). */
function assign(seeded: Seeded, rng: Random): RequestSpec[] {
  const now = Date.now();
  const children = seeded.tenants.filter((t) => t.level === 'child');
  return times(10_000, () => {
    const tenant = rng.chance(0.7) ? seeded.root : rng.pick(children);
    const scope =
      tenant.descendantIds.length > 0 && rng.chance(0.4) ? rng.pick(tenant.descendantIds) : undefined;
    const body = {
      profileId: rng.pick(tenant.profileIds),
      userId: rng.pick(tenant.userIds),
      ...(scope && { scopeTenantId: scope }),
      includeDescendants: rng.chance(0.3),
      validFrom: new Date(now - rng.int(30) * DAY).toISOString(),
      validUntil: rng.chance(0.5) ? null : new Date(now + (1 + rng.int(180)) * DAY).toISOString(),
    };
    return {
      method: 'POST',
      path: '/v1/assignments',
      headers: actingAs(tenant),
      body: JSON.stringify(body),
      expect: [200, 201],
    };
  });
}

/** The measured scenarios, in the order they run (the write last: it changes the data). */
export async function buildScenarios(seeded: Seeded, endpoint: Endpoint): Promise<Scenario[]> {
  const rng = new Random(7);
  return [
    {
      // Authentication, acting tenant and one primary-key read: what every /v1 request costs at
      // least. No target; it shows how much of each scenario below is that floor.
      name: 'GET /v1/capabilities/{name} (floor)',
      requests: capabilityNames.map((name) => ({
        method: 'GET',
        path: `/v1/capabilities/${name}`,
        headers: actingAs(seeded.root),
        expect: [200],
      })),
      target: null,
    },
    {
      name: 'GET /v1/users/{id}/access',
      requests: effectiveAccess(seeded, rng),
      target: { minThroughput: 0.015, maxP99: 40 },
    },
    {
      name: 'POST /v1/access/check',
      requests: accessCheck(seeded, rng),
      target: { minThroughput: 0.015, maxP99: 40 },
    },
    {
      name: 'GET /v1/profiles?limit=50&filter',
      requests: filteredProfiles(seeded, rng),
      target: { minThroughput: 0.012, maxP99: 60 },
    },
    {
      name: 'GET /v1/users?limit=50&cursor',
      requests: await userPages(seeded, endpoint),
      target: { minThroughput: 0.012, maxP99: 60 },
    },
    {
      name: 'GET /v1/capabilities/{c}/holders',
      requests: holders(seeded, rng),
      target: { minThroughput: 0.006, maxP99: 80 },
    },
    {
      name: 'GET /v1/profiles/{id} (ETag)',
      requests: profileWithETag(seeded, rng),
      target: { minThroughput: 0.02, maxP99: 30 },
    },
    {
      name: 'POST /v1/assignments (write)',
      requests: assign(seeded, rng),
      target: { minThroughput: 0.008, maxP99: 100 },
    },
  ];
}
