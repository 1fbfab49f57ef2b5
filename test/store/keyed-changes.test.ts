// Writes of assignments name the user whose rows they change: a cached read of one user's grants
// outlives writes about other users, in this process and in another one over PostgreSQL, and
// counts as changed by any write that does not say whose rows it changed.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { assign, changeAssignment, deleteAssignment } from '../../src/core/services/assignment.service.js';
import { bulkAssign } from '../../src/core/services/bulk-assignment.service.js';
import { createProfile } from '../../src/core/services/profile.service.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import { createUser, deleteUser } from '../../src/core/services/user.service.js';
import {
  collapsed,
  CommitLog,
  MAX_KEYS_PER_COMMIT,
  rowsFor,
  type Dependency,
} from '../../src/store/change-feed.js';
import { openDatabase } from '../../src/store/database.js';
import { changesOfPayload, payloadOf } from '../../src/store/remote-changes.js';
import { forEachDatabase } from '../support/databases.js';
import { settled } from '../support/settled.js';

const code = () => `K${Math.random().toString(36).slice(2, 10)}`;

describe('the commit log, by key', () => {
  test("a key's rows written change readers of that key and of the whole table, not of other keys", () => {
    const log = new CommitLog();
    const stamp = log.current;
    log.committed(new Set(['assignments#ada']), false);
    assert.equal(log.changedSince(stamp, [rowsFor('assignments', 'ada')]), true);
    assert.equal(log.changedSince(stamp, ['assignments']), true, 'a list of assignments holds her row');
    assert.equal(log.changedSince(stamp, [rowsFor('assignments', 'bob'), 'profiles']), false);
  });

  test('the whole table written, or everything, changes every key', () => {
    const log = new CommitLog();
    const stamp = log.current;
    log.committed(new Set(['assignments']), false);
    assert.equal(log.changedSince(stamp, [rowsFor('assignments', 'bob')]), true);
    const later = log.current;
    log.committed('all', true);
    assert.equal(log.changedSince(later, [rowsFor('assignments', 'bob')]), true);
    assert.equal(log.changedSince(log.current, [rowsFor('assignments', 'bob')]), false);
  });

  test('more keys in one commit than MAX_KEYS_PER_COMMIT count as the whole table', () => {
    const many = new Set(Array.from({ length: MAX_KEYS_PER_COMMIT + 1 }, (_, i) => `assignments#u${i}`));
    assert.deepEqual(collapsed(many), new Set(['assignments']));
    const few = new Set(['assignments#a', 'assignments#b', 'users']);
    assert.deepEqual(collapsed(few), few);
    assert.deepEqual(collapsed(new Set(['assignments#a', 'assignments'])), new Set(['assignments']));
  });
});

describe('notifications with keys', () => {
  test('the keys travel, and every table written is named for a process that reads tables only', () => {
    const payload = payloadOf('me', new Set(['assignments#ada', 'users']));
    const [, tables] = payload.split(' ');
    assert.deepEqual(new Set(tables!.split(',')), new Set(['assignments', 'users']));
    assert.deepEqual(changesOfPayload(payload), {
      sender: 'me',
      tables: new Set(['users', 'assignments#ada']),
    });
  });

  test('a notification without keys (an older process) counts its tables as written whole', () => {
    assert.deepEqual(changesOfPayload('them assignments,users').tables, new Set(['assignments', 'users']));
    assert.equal(changesOfPayload('them *').tables, 'all');
    assert.equal(changesOfPayload('').tables, 'all');
  });

  test('keys that would not fit in a notification are sent as their table', () => {
    const keys = Array.from(
      { length: 200 },
      (_, i) => `assignments#0190a7e4-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    const payload = payloadOf('me', new Set(keys));
    assert.ok(payload.length < 8000);
    assert.deepEqual(changesOfPayload(payload).tables, new Set(['assignments']));
  });

  test('a table written whole beside keys of it is sent as written whole', () => {
    const payload = payloadOf('me', new Set(['assignments', 'assignments#ada']));
    assert.deepEqual(changesOfPayload(payload).tables, new Set(['assignments']));
  });

  test('a key that would need quoting is never sent: everything counts as changed', () => {
    assert.equal(payloadOf('me', new Set(["assignments#it's"])), 'me *');
  });
});

forEachDatabase('keyed changes', (db) => {
  const ctx = (): CoreContext => ({ db: db().db, now: Date.now, actor: 'test' });
  const feed = () => db().changes;
  // PostgreSQL: until the feed listens for other processes' commits, everything counts as changed.
  before(() => settled(async () => feed().stamp() === feed().stamp()));

  async function installation() {
    const made = await createTenant(ctx(), wholeInstallation, { code: code(), name: 'keyed' });
    const tenant: ActingTenant = { id: made.id, path: `/${made.id}/` };
    const profile = await createProfile(ctx(), tenant, { name: code() });
    const ada = await createUser(ctx(), tenant, { username: code() });
    const bob = await createUser(ctx(), tenant, { username: code() });
    return { tenant, profile, ada, bob };
  }
  /** Which of the dependencies `write` changed, as the feed tells. */
  async function changedBy(write: () => Promise<unknown>, dependencies: Record<string, Dependency>) {
    const stamp = feed().stamp();
    await write();
    return Object.fromEntries(
      Object.entries(dependencies).map(([name, d]) => [name, feed().changedSince(stamp, [d])]),
    );
  }

  test("assigning, changing and removing one user's assignment names that user only", async () => {
    const { tenant, profile, ada, bob } = await installation();
    const watched = {
      ada: rowsFor('assignments', ada.id),
      bob: rowsFor('assignments', bob.id),
      all: 'assignments' as const,
    };
    const expected = { ada: true, bob: false, all: true };
    let id = '';
    const made = async () =>
      (id = (await assign(ctx(), tenant, { profileId: profile.id, userId: ada.id })).assignment.id);
    assert.deepEqual(await changedBy(made, watched), expected, 'a new assignment');
    const again = () =>
      assign(ctx(), tenant, { profileId: profile.id, userId: ada.id, validUntil: Date.now() + 1000 });
    assert.deepEqual(await changedBy(again, watched), expected, 'a re-assign (a new window)');
    const changed = () => changeAssignment(ctx(), tenant, id, { includeDescendants: true });
    assert.deepEqual(await changedBy(changed, watched), expected, 'a changed assignment');
    const removed = () => deleteAssignment(ctx(), tenant, id);
    assert.deepEqual(await changedBy(removed, watched), expected, 'a removed assignment');
  });

  test('writes that do not say whose rows they change count for every user', async () => {
    const { tenant, profile, ada, bob } = await installation();
    const watched = { bob: rowsFor('assignments', bob.id) };
    await assign(ctx(), tenant, { profileId: profile.id, userId: ada.id });
    const either = () =>
      db()
        .db.updateTable('assignments')
        .set({ updated_by: 'test' })
        .where((eb) => eb.or([eb('user_id', '=', ada.id), eb('tenant_id', '=', 'none')]))
        .execute();
    assert.deepEqual(await changedBy(either, watched), { bob: true }, 'a condition under an or');
    const raw = () =>
      sql`update assignments set updated_by = 'test' where user_id = ${ada.id}`.execute(db().db);
    assert.deepEqual(await changedBy(raw, watched), { bob: true }, 'raw SQL');
    const moved = () =>
      db().db.updateTable('assignments').set({ user_id: bob.id }).where('user_id', '=', ada.id).execute();
    assert.deepEqual(await changedBy(moved, watched), { bob: true }, 'rows moved to another user');
    const widened = () =>
      db()
        .db.updateTable('assignments')
        .set({ updated_by: 'test' })
        .where('user_id', '=', ada.id)
        .modifyEnd(sql`or 1 = 1`)
        .execute();
    assert.deepEqual(await changedBy(widened, watched), { bob: true }, 'raw SQL after the statement');
    const gone = () => deleteUser(ctx(), tenant, ada.id);
    assert.deepEqual(
      await changedBy(gone, watched),
      { bob: true },
      "a user's delete cascades to their assignments",
    );
  });

  test('PostgreSQL: a statement whose common table expression writes counts as a write of everything', async (t) => {
    if (db().kind !== 'postgres') return t.skip('PostgreSQL only');
    const { tenant, profile, ada, bob } = await installation();
    await assign(ctx(), tenant, { profileId: profile.id, userId: ada.id });
    const both = () =>
      db()
        .db.with('renamed', (w) =>
          w.updateTable('users').set({ display_name: 'renamed' }).where('id', '=', bob.id).returning('id'),
        )
        .deleteFrom('assignments')
        .where('user_id', '=', ada.id)
        .execute();
    assert.deepEqual(await changedBy(both, { users: 'users' }), { users: true });
  });

  test('a bulk assign of more users than MAX_KEYS_PER_COMMIT counts as the whole table', async () => {
    const { tenant, profile, bob } = await installation();
    const users: string[] = [];
    for (let i = 0; i <= MAX_KEYS_PER_COMMIT; i += 1)
      users.push((await createUser(ctx(), tenant, { username: code() })).id);
    const bulk = () => bulkAssign(ctx(), tenant, { profileId: profile.id, userIds: users, atomic: true });
    assert.deepEqual(await changedBy(bulk, { bob: rowsFor('assignments', bob.id) }), { bob: true });
  });

  test('no foreign key references assignments: deleting one cascades to no other table', async () => {
    const referencing =
      db().kind === 'sqlite'
        ? await sql<{ name: string }>`select m.name from sqlite_master m, pragma_foreign_key_list(m.name) f
            where m.type = 'table' and f."table" = 'assignments'`.execute(db().db)
        : await sql<{ name: string }>`select conrelid::regclass::text as name from pg_constraint
            where contype = 'f' and confrelid = 'assignments'::regclass`.execute(db().db);
    assert.deepEqual(referencing.rows, []);
  });

  test("PostgreSQL: another process hears whose assignments changed, and keeps other users' grants", async (t) => {
    if (db().kind !== 'postgres') return t.skip('PostgreSQL only');
    const { tenant, profile, ada, bob } = await installation();
    const other = openDatabase({ url: db().url, poolSize: 1 });
    try {
      await settled(async () => other.changes.stamp() === other.changes.stamp());
      const before = other.changes.stamp();
      await assign(ctx(), tenant, { profileId: profile.id, userId: ada.id });
      await settled(async () => other.changes.changedSince(before, [rowsFor('assignments', ada.id)]));
      assert.equal(other.changes.changedSince(before, [rowsFor('assignments', bob.id)]), false);
      assert.equal(other.changes.changedSince(before, ['assignments']), true);
    } finally {
      await other.close();
    }
  });
});
