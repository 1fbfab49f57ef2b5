// A page of holders about "now" is kept until a write or until a window of its assignments opens
// or closes, whichever comes first: as the clock moves, the kept page is always the page a read
// from the database would give at that instant.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { capabilityHolders, type HoldersQuery } from '../../src/core/access/access.service.js';
import { ReadCache } from '../../src/core/cache/read-cache.js';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { assign } from '../../src/core/services/assignment.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser } from '../../src/core/services/user.service.js';
import { forEachDatabase } from '../support/databases.js';
import { settled } from '../support/settled.js';

const SECOND = 1000;
const T0 = Date.UTC(2026, 11, 1);
const code = () => `H${Math.random().toString(36).slice(2, 10)}`;

forEachDatabase('holders over time', (db) => {
  // PostgreSQL: until the feed listens for other processes' commits, everything counts as changed.
  before(() => settled(async () => db().changes.stamp() === db().changes.stamp()));
  /** A context on a clock of the test's own, with a read cache on the same clock (or none). */
  function contexts() {
    const clock = { now: T0 };
    const now = () => clock.now;
    const reads = new ReadCache(db().changes, { maxEntries: 1000, now });
    const cached: CoreContext = { db: db().db, now, actor: 'test', reads };
    const uncached: CoreContext = { db: db().db, now, actor: 'test' };
    return { clock, reads, cached, uncached };
  }

  type Window = [number | null, number | null];
  const at = (seconds: number | null) => (seconds === null ? null : T0 + seconds * SECOND);

  /** A tenant whose users each hold Security (Write) through one assignment with the given window. */
  async function holdersWith(ctx: CoreContext, windows: Window[]) {
    const made = await createTenant(ctx, wholeInstallation, { code: code(), name: 'holders' });
    const tenant: ActingTenant = { id: made.id, path: `/${made.id}/` };
    const profile = await createProfile(ctx, tenant, {
      name: code(),
      capabilities: [{ capability: 'Security', accessLevel: 'Write', viewLevel: 'Simple' }],
    });
    const userIds: string[] = [];
    for (const [from, until] of windows) {
      const user = await createUser(ctx, tenant, { username: code() });
      await assign(ctx, tenant, {
        profileId: profile.id,
        userId: user.id,
        validFrom: at(from),
        validUntil: at(until),
      });
      userIds.push(user.id);
    }
    return { tenant, userIds };
  }

  /** One assignment of a mixed installation: whose, at which level, scoped where, when. */
  interface Grant {
    user: number;
    /** Security at Write, or at Read. */
    write: boolean;
    /** Scoped to the parent (reaching the child only when it includes descendants), or to the child. */
    inParent: boolean;
    includeDescendants: boolean;
    window: Window;
  }

  /**
   * A parent tenant with a child, users of the parent, and a Read and a Write profile of
   * Security: the grants, each an assignment, so that a user may hold through several
   * assignments, branches (the child's scope, the parent's) and levels at once.
   */
  async function mixedInstallation(ctx: CoreContext, users: number, grants: Grant[]) {
    const made = await createTenant(ctx, wholeInstallation, { code: code(), name: 'parent' });
    const parent: ActingTenant = { id: made.id, path: `/${made.id}/` };
    const below = await createTenant(ctx, parent, { code: code(), name: 'child' });
    const child: ActingTenant = { id: below.id, path: `${parent.path}${below.id}/` };
    const profileAt = async (accessLevel: 'Read' | 'Write') =>
      (
        await createProfile(ctx, parent, {
          name: code(),
          capabilities: [{ capability: 'Security', accessLevel, viewLevel: 'Simple' }],
        })
      ).id;
    const profiles = { read: await profileAt('Read'), write: await profileAt('Write') };
    const userIds: string[] = [];
    for (let i = 0; i < users; i += 1) userIds.push((await createUser(ctx, parent, { username: code() })).id);
    for (const grant of grants) {
      await assign(ctx, parent, {
        profileId: grant.write ? profiles.write : profiles.read,
        userId: userIds[grant.user % users]!,
        scopeTenantId: grant.inParent ? parent.id : child.id,
        includeDescendants: grant.includeDescendants,
        validFrom: at(grant.window[0]),
        validUntil: at(grant.window[1]),
      });
    }
    return { parent, child };
  }

  /** Every page of holders about now, walked by cursor: the pages (as they say) and their instants. */
  async function walk(
    ctx: CoreContext,
    acting: ActingTenant,
    limit: number,
    about: ActingTenant = acting,
    level: HoldersQuery['level'] = 'Read',
  ) {
    const query: HoldersQuery = { capability: 'Security', tenant: about.id, level, limit };
    const pages: { holders: unknown[]; nextAfter: string | null }[] = [];
    const ids: string[] = [];
    const instants = new Set<number>();
    for (let after: string | undefined, n = 0; n < 20; n += 1) {
      const page = await capabilityHolders(ctx, acting, { ...query, afterUserId: after });
      pages.push({ holders: page.holders, nextAfter: page.nextAfter });
      ids.push(...page.holders.map((h) => h.userId));
      instants.add(page.at);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    return { pages, ids, instants: [...instants] };
  }

  test('a kept page about now is served until a window of its assignments opens or closes', async () => {
    const { clock, reads, cached } = contexts();
    // Ada holds from the start until second 12; Bob from second 6 on.
    const { tenant, userIds } = await holdersWith(cached, [
      [null, 12],
      [6, null],
    ]);
    const [ada, bob] = userIds as [string, string];
    const holders = async () => (await walk(cached, tenant, 50)).ids;
    assert.deepEqual(await holders(), [ada]);

    const misses = reads.stats().misses;
    // Well inside the backstop age (READ_CACHE_MAX_AGE_MS), which bounds every answer kept.
    clock.now = T0 + 6000 - 1;
    const later = await walk(cached, tenant, 50);
    assert.deepEqual(later.ids, [ada]);
    assert.equal(reads.stats().misses, misses, 'six seconds later, nothing of the page was read again');
    assert.deepEqual(later.instants, [clock.now], 'a kept page says the instant it is served at');

    clock.now = T0 + 6000;
    assert.deepEqual((await holders()).sort(), [ada, bob].sort(), "Bob's window opens");
    clock.now = T0 + 12_000;
    assert.deepEqual(await holders(), [bob], "Ada's window closes (its end is exclusive)");
  });

  test('at every instant, kept pages about now are the pages the database gives', async () => {
    // Windows in seconds around T0; instants to look at, in order, all inside the backstop age,
    // so that only the windows can make a kept page go.
    const window = fc
      .tuple(fc.option(fc.integer({ min: -5, max: 18 })), fc.option(fc.integer({ min: 1, max: 12 })))
      .map(([from, length]): Window => [from, length === null ? null : (from ?? 0) + length]);
    const grant = fc.record({
      user: fc.nat(),
      write: fc.boolean(),
      inParent: fc.boolean(),
      includeDescendants: fc.boolean(),
      window,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.array(grant, { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 20 * SECOND }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('Read' as const, 'Write' as const),
        async (users, grants, offsets, limit, level) => {
          const { clock, cached, uncached } = contexts();
          const { parent, child } = await mixedInstallation(cached, users, grants);
          for (const offset of offsets.sort((a, b) => a - b)) {
            clock.now = T0 + offset;
            const kept = await walk(cached, parent, limit, child, level);
            const read = await walk(uncached, parent, limit, child, level);
            assert.deepEqual(kept.pages, read.pages, `at T0 + ${offset} ms`);
            assert.deepEqual(kept.instants, [clock.now], 'each page says the instant it is served at');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
