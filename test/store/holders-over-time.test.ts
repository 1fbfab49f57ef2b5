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

  /** A tenant whose users each hold Security through one assignment with the given window. */
  async function holdersWith(ctx: CoreContext, windows: [number | null, number | null][]) {
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
        validFrom: from === null ? null : T0 + from * SECOND,
        validUntil: until === null ? null : T0 + until * SECOND,
      });
      userIds.push(user.id);
    }
    return { tenant, userIds };
  }

  /** Every page of holders, walked by cursor, as user ids and the instants the pages say. */
  async function walk(ctx: CoreContext, tenant: ActingTenant, limit: number) {
    const query: HoldersQuery = { capability: 'Security', tenant: tenant.id, level: 'Read', limit };
    const ids: string[] = [];
    const instants = new Set<number>();
    for (let after: string | undefined, pages = 0; pages < 20; pages += 1) {
      const page = await capabilityHolders(ctx, tenant, { ...query, afterUserId: after });
      ids.push(...page.holders.map((h) => h.userId));
      instants.add(page.at);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    return { ids, instants: [...instants] };
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
    // Windows in seconds around T0, each user's one assignment; instants to look at, in order,
    // all inside the backstop age, so that only the windows can make a kept page go.
    const window = fc
      .tuple(fc.option(fc.integer({ min: -5, max: 18 })), fc.option(fc.integer({ min: 1, max: 12 })))
      .map(([from, length]): [number | null, number | null] => [
        from,
        length === null ? null : (from ?? 0) + length,
      ]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(window, { minLength: 2, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 20 * SECOND }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (windows, offsets, limit) => {
          const { clock, cached, uncached } = contexts();
          const { tenant } = await holdersWith(cached, windows);
          for (const offset of offsets.sort((a, b) => a - b)) {
            clock.now = T0 + offset;
            const kept = await walk(cached, tenant, limit);
            const read = await walk(uncached, tenant, limit);
            assert.deepEqual(kept.ids, read.ids, `at T0 + ${offset} ms`);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
