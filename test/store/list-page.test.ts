import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { CoreContext } from '../../src/core/context.js';
import { createTenant, wholeInstallation } from '../../src/core/services/tenant.service.js';
import type { ListParams } from '../../src/store/query/list-page.js';
import type { OffsetListParams } from '../../src/store/query/offset-page.js';
import { QueryError } from '../../src/store/query/query-error.js';
import type { User } from '../../src/core/model/user.js';
import * as users from '../../src/store/repositories/user.repository.js';
import { forEachDatabase } from '../support/databases.js';

let counter = 0;
const uniqueCode = () => `L${process.pid}x${(counter += 1)}x${Math.random().toString(36).slice(2, 8)}`;

interface UserSeed {
  username: string;
  /** Epoch ms; also the default updatedAt. */
  at?: number;
  updatedAt?: number;
  id?: string;
  email?: string | null;
  role?: string | null;
  enabled?: boolean;
}

/** Ascending comparison of plain ASCII strings, as both test databases order them. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

forEachDatabase('list pages: keyset and offset pagination, sorting, filtering and totals', (db) => {
  /** A tenant of its own, and a way to add users to it directly through the repository. */
  async function tenantWithUsers(seeds: UserSeed[] = []) {
    const ctx: CoreContext = { db: db().db, now: Date.now, actor: 'test' };
    const tenant = await createTenant(ctx, wholeInstallation, { code: uniqueCode(), name: 'list tests' });
    const add = async (seed: UserSeed): Promise<string> => {
      const id = seed.id ?? randomUUID();
      const at = seed.at ?? 1_000;
      await users.insertUser(ctx.db, {
        id,
        tenantId: tenant.id,
        username: seed.username,
        displayName: null,
        employeeId: null,
        email: seed.email ?? null,
        givenName: null,
        familyName: null,
        nickname: null,
        role: seed.role ?? null,
        locale: null,
        enabled: seed.enabled !== false,
        directory: {
          provider: null,
          fqdn: null,
          sid: null,
          actualGroups: [],
          actualAttributes: [],
          directoryId: null,
          externalId: null,
          vanishedAt: null,
        },
        createdAt: at,
        updatedAt: seed.updatedAt ?? at,
        version: 1,
      });
      return id;
    };
    for (const seed of seeds) await add(seed);
    const page = (params: Partial<ListParams> = {}) =>
      users.listUsers(ctx.db, tenant.id, { limit: 50, ...params });
    /** Every page in turn; `between` runs after each page that has a successor, before the next is read. */
    const walk = async (
      params: Partial<ListParams>,
      between?: (rows: User[], pageIndex: number) => Promise<void>,
    ) => {
      const pages: User[][] = [];
      let cursor: string | undefined;
      for (;;) {
        const result = await page({ ...params, ...(cursor !== undefined && { cursor }) });
        pages.push(result.rows);
        assert.ok(pages.length <= 100, 'pagination does not end');
        if (result.nextCursor === null) return pages;
        assert.ok(result.rows.length > 0, 'a page with a next cursor has rows');
        if (between) await between(result.rows, pages.length - 1);
        cursor = result.nextCursor;
      }
    };
    const offsetPage = (params: Partial<OffsetListParams> = {}) =>
      users.listUsersByOffset(ctx.db, tenant.id, { offset: 0, limit: 50, ...params });
    /** Every offset page of `limit` rows in turn, up to the first short one. */
    const walkByOffset = async (params: Partial<OffsetListParams> & { limit: number }) => {
      const pages: User[][] = [];
      for (let offset = 0; ; offset += params.limit) {
        const { rows } = await offsetPage({ ...params, offset });
        pages.push(rows);
        assert.ok(pages.length <= 100, 'pagination does not end');
        if (rows.length < params.limit) return pages;
      }
    };
    return { ctx, tenant, add, page, walk, offsetPage, walkByOffset };
  }

  const names = (rows: readonly User[]) => rows.map((r) => r.username);

  test('paging with a small limit visits every row once, in sort order, in full pages', async () => {
    const usernames = Array.from({ length: 11 }, (_, i) => `user${String(i).padStart(2, '0')}`);
    const shuffled = [...usernames].sort(() => Math.random() - 0.5);
    const { walk } = await tenantWithUsers(shuffled.map((username) => ({ username })));

    const pages = await walk({ limit: 3 });
    assert.deepEqual(
      pages.map((p) => p.length),
      [3, 3, 3, 2],
    );
    assert.deepEqual(names(pages.flat()), usernames);
  });

  test('a page ending exactly on the last row has no next cursor, and no empty page follows', async () => {
    const { page, walk } = await tenantWithUsers(
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((username) => ({ username })),
    );
    const pages = await walk({ limit: 3 });
    assert.deepEqual(pages.map(names), [
      ['a1', 'a2', 'a3'],
      ['a4', 'a5', 'a6'],
    ]);
    const all = await page({ limit: 6 });
    assert.equal(all.rows.length, 6);
    assert.equal(all.nextCursor, null);
    const more = await page({ limit: 7 });
    assert.equal(more.nextCursor, null);
  });

  test('rows of a page are the stored users, without the private sort columns', async () => {
    const { ctx, tenant, page } = await tenantWithUsers([
      { username: 'zed', email: 'zed@example.com', role: 'admin', at: 5_000, updatedAt: 6_000 },
    ]);
    const [row] = (await page({ sort: '-createdAt,username' })).rows;
    assert.ok(row);
    assert.deepEqual(row, await users.findUser(ctx.db, tenant.id, row.id));
  });

  test('an empty tenant lists no rows and no cursor', async () => {
    const { page } = await tenantWithUsers();
    const result = await page({ limit: 5, includeTotal: true });
    assert.deepEqual(result, { rows: [], nextCursor: null, total: 0 });
  });

  test('paging in descending order visits every row once, newest first', async () => {
    const usernames = Array.from({ length: 9 }, (_, i) => `d${i}`);
    const { walk } = await tenantWithUsers(usernames.map((username) => ({ username })));
    const pages = await walk({ limit: 4, sort: '-username' });
    assert.deepEqual(pages.map(names), [['d8', 'd7', 'd6', 'd5'], ['d4', 'd3', 'd2', 'd1'], ['d0']]);
  });

  test('paging stays exact while rows are inserted before and after the cursor', async () => {
    // m02, m04, ..., m24; new rows are placed relative to each page's first and last rows.
    const original = Array.from({ length: 12 }, (_, i) => `m${String((i + 1) * 2).padStart(2, '0')}`);
    const { add, walk } = await tenantWithUsers(original.map((username) => ({ username })));

    const before: string[] = [];
    const after: string[] = [];
    const pages = await walk({ limit: 4 }, async (rows, index) => {
      const first = rows[0]!.username;
      const last = rows.at(-1)!.username;
      // Sorting before the cursor: at the very start, and among the rows just returned.
      before.push(`a${index}`, `${first}a`);
      // Sorting after the cursor: right after it, and at the very end.
      after.push(`${last}a`, `z${index}`);
      for (const username of [...before.slice(-2), ...after.slice(-2)]) await add({ username });
    });

    const seen = names(pages.flat());
    assert.equal(new Set(seen).size, seen.length, `a row came twice: ${seen.join(' ')}`);
    for (const username of original) assert.ok(seen.includes(username), `${username} was skipped`);
    assert.deepEqual(seen, [...seen].sort(byText), 'rows come in sort order across pages');
    for (const username of after)
      assert.ok(seen.includes(username), `${username}, after the cursor, is listed`);
    for (const username of before)
      assert.ok(!seen.includes(username), `${username}, before the cursor, is not`);
  });

  test('paging stays exact under inserts on a descending sort with ties', async () => {
    // Six instants, three rows each: every page boundary falls inside a tie.
    const seeds = Array.from({ length: 18 }, (_, i) => ({
      username: `t${String(i).padStart(2, '0')}`,
      at: 1_000 * (1 + (i % 6)),
    }));
    const { add, walk } = await tenantWithUsers(seeds);
    let serial = 0;
    const idWith = (prefix: string) => `${prefix}-0000-4000-8000-${String((serial += 1)).padStart(12, '0')}`;

    const before: string[] = [];
    const after: string[] = [];
    const pages = await walk({ limit: 4, sort: '-createdAt' }, async (rows, index) => {
      const cursorRow = rows.at(-1)!;
      const at = cursorRow.createdAt;
      // Before the cursor: newer than everything, and in the cursor's tie with a smaller id.
      await add({ username: `new${index}`, at: 99_000, id: idWith('00000000') });
      await add({ username: `tieBefore${index}`, at, id: idWith('00000000') });
      before.push(`new${index}`, `tieBefore${index}`);
      // After the cursor: in its tie with a larger id, and older than everything so far.
      await add({ username: `tieAfter${index}`, at, id: idWith('ffffffff') });
      await add({ username: `old${index}`, at: 500 - index });
      after.push(`tieAfter${index}`, `old${index}`);
    });

    const rows = pages.flat();
    const seen = names(rows);
    assert.equal(new Set(seen).size, seen.length, `a row came twice: ${seen.join(' ')}`);
    for (const { username } of seeds) assert.ok(seen.includes(username), `${username} was skipped`);
    for (const username of after)
      assert.ok(seen.includes(username), `${username}, after the cursor, is listed`);
    for (const username of before)
      assert.ok(!seen.includes(username), `${username}, before the cursor, is not`);
    const expected = [...rows].sort((a, b) => b.createdAt - a.createdAt || byText(a.id, b.id));
    assert.deepEqual(seen, names(expected), 'newest first, ties by id');
  });

  test('ties on a non-unique sort field are broken by id, in both directions', async () => {
    const seeds = Array.from({ length: 10 }, (_, i) => ({
      username: `u${i}`,
      at: [3_000, 1_000, 2_000][i % 3]!,
    }));
    const { walk } = await tenantWithUsers(seeds);
    const rows = (await walk({ limit: 50 })).flat();
    const byId = (a: User, b: User) => byText(a.id, b.id);

    const ascending = await walk({ limit: 2, sort: 'createdAt' });
    assert.deepEqual(
      names(ascending.flat()),
      names([...rows].sort((a, b) => a.createdAt - b.createdAt || byId(a, b))),
    );
    const descending = await walk({ limit: 2, sort: '-createdAt' });
    assert.deepEqual(
      names(descending.flat()),
      names([...rows].sort((a, b) => b.createdAt - a.createdAt || byId(a, b))),
    );
    const idDescending = await walk({ limit: 3, sort: 'createdAt,-id' });
    assert.deepEqual(
      names(idDescending.flat()),
      names([...rows].sort((a, b) => a.createdAt - b.createdAt || byId(b, a))),
    );
  });

  test('multi-key sorts order by each key in its own direction, then by id', async () => {
    const seeds = Array.from({ length: 16 }, (_, i) => ({
      username: `k${String(i).padStart(2, '0')}`,
      at: i % 2 === 0 ? 1_000 : 2_000,
      updatedAt: i % 4 < 2 ? 5_000 : 6_000,
    }));
    const { walk } = await tenantWithUsers(seeds);
    const rows = (await walk({})).flat();
    assert.equal(rows.length, 16);

    const pages = await walk({ limit: 3, sort: '-updatedAt,createdAt' });
    const expected = [...rows].sort(
      (a, b) => b.updatedAt - a.updatedAt || a.createdAt - b.createdAt || byText(a.id, b.id),
    );
    assert.deepEqual(names(pages.flat()), names(expected));

    const withName = await walk({ limit: 5, sort: 'updatedAt,-createdAt,-username' });
    const expectedWithName = [...rows].sort(
      (a, b) => a.updatedAt - b.updatedAt || b.createdAt - a.createdAt || byText(b.username, a.username),
    );
    assert.deepEqual(names(withName.flat()), names(expectedWithName));
  });

  test('a filter and a cursor combine: pages hold only matching rows, each once', async () => {
    const seeds = Array.from({ length: 14 }, (_, i) => ({
      username: `f${String(i).padStart(2, '0')}`,
      role: i % 3 === 0 ? 'admin' : 'user',
      at: 1_000 * (i % 4),
    }));
    const { walk } = await tenantWithUsers(seeds);
    const admins = seeds.filter((s) => s.role === 'admin').map((s) => s.username);
    assert.equal(admins.length, 5);

    const pages = await walk({ limit: 2, filter: 'role eq "admin"' });
    assert.deepEqual(pages.map(names), [['f00', 'f03'], ['f06', 'f09'], ['f12']]);
    const notAdmins = await walk({ limit: 4, filter: 'not (role eq "admin")', sort: '-createdAt,-username' });
    const expected = seeds
      .filter((s) => s.role !== 'admin')
      .sort((a, b) => b.at - a.at || byText(b.username, a.username))
      .map((s) => s.username);
    assert.deepEqual(names(notAdmins.flat()), expected);
  });

  test('a cursor only continues the query it came from; the limit may change', async () => {
    const { page } = await tenantWithUsers(
      Array.from({ length: 8 }, (_, i) => ({ username: `c${i}`, role: i < 5 ? 'admin' : 'user' })),
    );
    const first = await page({ limit: 2, filter: 'role eq "admin"', sort: 'username' });
    assert.ok(first.nextCursor);
    const cursor = first.nextCursor;

    const rejected = async (params: Partial<ListParams>) => {
      await assert.rejects(page({ limit: 2, cursor, ...params }), (error: unknown) => {
        assert.ok(error instanceof QueryError, String(error));
        assert.equal(error.kind, 'invalid_cursor');
        return true;
      });
    };
    await rejected({ filter: 'role eq "user"', sort: 'username' });
    await rejected({ sort: 'username' });
    await rejected({ filter: 'role eq "admin"', sort: '-username' });
    await rejected({ filter: 'role eq "admin"', sort: 'createdAt' });
    await rejected({ filter: 'role eq "admin"', sort: 'username', cursor: `${cursor.slice(0, 10)}` });

    // Without a sort the default (username) applies, which is the same query.
    const sameQuery = await page({ limit: 10, filter: 'role eq "admin"', cursor });
    assert.deepEqual(names(sameQuery.rows), ['c2', 'c3', 'c4']);
    assert.equal(sameQuery.nextCursor, null);
  });

  test('the total counts every matching row whatever the limit and cursor, only when asked', async () => {
    const { page, add } = await tenantWithUsers(
      Array.from({ length: 7 }, (_, i) => ({ username: `n${i}`, enabled: i % 2 === 0 })),
    );
    const other = await tenantWithUsers([{ username: 'elsewhere' }]);

    const without = await page({ limit: 2 });
    assert.equal(without.total, undefined);
    assert.ok(!('total' in without));

    const first = await page({ limit: 2, includeTotal: true });
    assert.equal(first.total, 7);
    const second = await page({ limit: 2, includeTotal: true, cursor: first.nextCursor! });
    assert.equal(second.total, 7);
    assert.deepEqual(names(second.rows), ['n2', 'n3']);

    const enabled = await page({ limit: 1, includeTotal: true, filter: 'enabled eq true' });
    assert.equal(enabled.total, 4);
    assert.equal(enabled.rows.length, 1);
    assert.equal((await page({ includeTotal: true, filter: 'enabled eq false' })).total, 3);
    assert.equal((await page({ includeTotal: true, filter: 'username eq "nobody"' })).total, 0);

    await add({ username: 'n7' });
    assert.equal((await page({ limit: 2, includeTotal: true })).total, 8);
    assert.equal((await other.page({ includeTotal: true })).total, 1);
  });

  test('string comparisons ignore case on both sides', async () => {
    const { page } = await tenantWithUsers([
      { username: 'Alice', role: 'Admin', email: 'Alice@Example.COM' },
      { username: 'ALINA', role: 'ADMIN' },
      { username: 'bob', role: 'user', email: 'bob@example.com' },
      { username: 'Malice', role: null },
    ]);
    const matching = async (filter: string) => names((await page({ filter })).rows).sort(byText);

    assert.deepEqual(await matching('username eq "alice"'), ['Alice']);
    assert.deepEqual(await matching('USERNAME eq "ALICE"'), ['Alice']);
    assert.deepEqual(await matching('username sw "AL"'), ['ALINA', 'Alice']);
    assert.deepEqual(await matching('username co "LiC"'), ['Alice', 'Malice']);
    assert.deepEqual(await matching('username ew "ICE"'), ['Alice', 'Malice']);
    assert.deepEqual(await matching('role eq "admin"'), ['ALINA', 'Alice']);
    assert.deepEqual(await matching('email eq "alice@example.com"'), ['Alice']);
    assert.deepEqual(await matching('username gt "B" and username lt "m"'), ['bob']);
    // SCIM: "ne" also matches rows without the attribute.
    assert.deepEqual(await matching('role ne "ADMIN"'), ['Malice', 'bob']);
  });

  test('string comparisons ignore case for non-ASCII letters too', async () => {
    const { page } = await tenantWithUsers([
      { username: 'Ébène' },
      { username: 'Øystein' },
      { username: 'ebene' },
    ]);
    const matching = async (filter: string) => names((await page({ filter })).rows).sort(byText);
    assert.deepEqual(await matching('username eq "Ébène"'), ['Ébène']);
    assert.deepEqual(await matching('username eq "éBÈNE"'), ['Ébène']);
    assert.deepEqual(await matching('username sw "øy"'), ['Øystein']);
  });

  test('LIKE wildcards in a value match literally', async () => {
    const { page } = await tenantWithUsers(
      ['a_c', 'abc', 'a%c', 'axyc', 'a\\c', 'ac'].map((username) => ({ username })),
    );
    const matching = async (filter: string) => names((await page({ filter })).rows).sort(byText);
    assert.deepEqual(await matching('username co "_"'), ['a_c']);
    assert.deepEqual(await matching('username co "%"'), ['a%c']);
    assert.deepEqual(await matching('username sw "a_"'), ['a_c']);
    assert.deepEqual(await matching('username ew "%c"'), ['a%c']);
    assert.deepEqual(await matching(String.raw`username co "\\"`), ['a\\c']);
    assert.deepEqual(await matching('username sw "a" and username ew "c"'), [
      'a%c',
      'a\\c',
      'a_c',
      'abc',
      'ac',
      'axyc',
    ]);
  });

  test('filters on instants, booleans, presence and null, with and/or/not', async () => {
    const { page } = await tenantWithUsers([
      { username: 'p1', at: Date.parse('2026-01-01T00:00:00Z'), role: 'user', email: 'p1@x.org' },
      { username: 'p2', at: Date.parse('2026-02-01T00:00:00Z'), role: 'admin', enabled: false },
      { username: 'p3', at: Date.parse('2026-03-01T00:00:00Z'), role: 'admin', email: '' },
      { username: 'p4', at: Date.parse('2026-04-01T00:00:00Z'), role: 'user', enabled: false },
    ]);
    const matching = async (filter: string) => names((await page({ filter })).rows);

    assert.deepEqual(await matching('createdAt gt "2026-02-01T00:00:00Z"'), ['p3', 'p4']);
    assert.deepEqual(await matching('createdAt ge "2026-02-01T00:00:00Z"'), ['p2', 'p3', 'p4']);
    assert.deepEqual(await matching('createdAt lt "2026-02-01T00:00:00Z"'), ['p1']);
    assert.deepEqual(await matching('createdAt le "2026-02-01T01:00:00+01:00"'), ['p1', 'p2']);
    assert.deepEqual(await matching(`createdAt eq ${Date.parse('2026-03-01T00:00:00Z')}`), ['p3']);
    assert.deepEqual(await matching('enabled eq false'), ['p2', 'p4']);
    assert.deepEqual(await matching('enabled ne false'), ['p1', 'p3']);
    assert.deepEqual(await matching('email pr'), ['p1']);
    assert.deepEqual(await matching('email eq null'), ['p2', 'p4']);
    assert.deepEqual(await matching('email ne null'), ['p1', 'p3']);
    assert.deepEqual(await matching('not (email pr)'), ['p2', 'p3', 'p4']);
    // and binds tighter than or: users, plus disabled admins.
    assert.deepEqual(await matching('role eq "user" or role eq "admin" and enabled eq false'), [
      'p1',
      'p2',
      'p4',
    ]);
    assert.deepEqual(await matching('(role eq "user" or role eq "admin") and enabled eq false'), [
      'p2',
      'p4',
    ]);
    assert.deepEqual(await matching('not (role eq "user" or enabled eq false)'), ['p3']);
  });

  test('bad filters and sorts are query errors naming what is wrong', async () => {
    const { page } = await tenantWithUsers([{ username: 'q' }]);
    await assert.rejects(page({ filter: 'username eq' }), (error: unknown) => {
      assert.ok(error instanceof QueryError);
      assert.equal(error.kind, 'invalid_filter');
      assert.equal(error.position, 11);
      return true;
    });
    await assert.rejects(page({ filter: 'username eq "q" and password eq "x"' }), (error: unknown) => {
      assert.ok(error instanceof QueryError);
      assert.equal(error.kind, 'invalid_filter');
      assert.equal(error.position, 20);
      assert.match(error.message, /unknown attribute "password"/);
      return true;
    });
    await assert.rejects(page({ sort: 'locale' }), (error: unknown) => {
      assert.ok(error instanceof QueryError);
      assert.equal(error.kind, 'invalid_sort');
      return true;
    });
  });

  test('a nullable field sorts its missing values as empty text, the same on both databases, and pages by keyset', async () => {
    const seeds = ['c', null, 'a', null, 'b', 'a'].map((role, i) => ({ username: `n${i}`, role }));
    const { walk, page } = await tenantWithUsers(seeds);
    const roles = (rows: User[]) => rows.map((u) => u.role);
    for (const [sort, expected] of [
      ['role', [null, null, 'a', 'a', 'b', 'c']],
      ['-role', ['c', 'b', 'a', 'a', null, null]],
    ] as const) {
      const whole = (await page({ sort })).rows;
      assert.deepEqual(roles(whole), expected, sort);
      const paged = (await walk({ sort, limit: 2 })).flat();
      assert.deepEqual(
        paged.map((u) => u.id),
        whole.map((u) => u.id),
        `${sort}: pages of 2 see every row once, in order`,
      );
    }
    // Rows to skip after the cursor (Cisco's offset with search_after).
    const first = await page({ sort: 'role', limit: 2 });
    const skipped = await page({ sort: 'role', limit: 2, skip: 1, cursor: first.nextCursor! });
    assert.deepEqual(roles(skipped.rows), ['a', 'b']);
  });

  test('offset pages follow the sort, ties broken by id, as the keyset pages do', async () => {
    const seeds = Array.from({ length: 10 }, (_, i) => ({
      username: `o${i}`,
      at: [3_000, 1_000, 2_000][i % 3]!,
    }));
    const { walk, walkByOffset } = await tenantWithUsers(seeds);
    const rows = (await walk({})).flat();
    const byId = (a: User, b: User) => byText(a.id, b.id);

    const byDefault = await walkByOffset({ limit: 3 });
    assert.deepEqual(byDefault.map(names), [
      ['o0', 'o1', 'o2'],
      ['o3', 'o4', 'o5'],
      ['o6', 'o7', 'o8'],
      ['o9'],
    ]);
    const descending = await walkByOffset({ limit: 3, sort: '-createdAt' });
    assert.deepEqual(
      names(descending.flat()),
      names([...rows].sort((a, b) => b.createdAt - a.createdAt || byId(a, b))),
    );
    const idDescending = await walkByOffset({ limit: 4, sort: 'createdAt,-id' });
    assert.deepEqual(
      names(idDescending.flat()),
      names([...rows].sort((a, b) => a.createdAt - b.createdAt || byId(b, a))),
    );
    assert.deepEqual(
      names(idDescending.flat()),
      names((await walk({ limit: 4, sort: 'createdAt,-id' })).flat()),
    );
  });

  test('offset pages hold only matching rows, and the total counts them on every page', async () => {
    const seeds = Array.from({ length: 14 }, (_, i) => ({
      username: `g${String(i).padStart(2, '0')}`,
      role: i % 3 === 0 ? 'admin' : 'user',
    }));
    const { offsetPage } = await tenantWithUsers(seeds);
    const other = await tenantWithUsers([{ username: 'g-elsewhere', role: 'admin' }]);
    const admins = { filter: 'role eq "admin"', includeTotal: true, limit: 2 };

    const first = await offsetPage({ ...admins, offset: 0 });
    assert.deepEqual(first, { rows: first.rows, total: 5 });
    assert.deepEqual(names(first.rows), ['g00', 'g03']);
    const last = await offsetPage({ ...admins, offset: 4 });
    assert.deepEqual(names(last.rows), ['g12']);
    assert.equal(last.total, 5);
    const beyond = await offsetPage({ ...admins, offset: 5 });
    assert.deepEqual(beyond, { rows: [], total: 5 });

    const users = await offsetPage({ filter: 'role eq "user"', sort: '-username', offset: 1, limit: 3 });
    assert.deepEqual(names(users.rows), ['g11', 'g10', 'g08']);
    assert.ok(!('total' in users), 'no total unless asked');
    assert.equal((await offsetPage({ includeTotal: true })).total, 14);
    assert.equal((await other.offsetPage({ includeTotal: true })).total, 1);
    assert.equal((await offsetPage({ includeTotal: true, filter: 'username eq "nobody"' })).total, 0);
  });

  test('an offset past the end is an empty page; a limit past the end gives the rest', async () => {
    const { ctx, tenant, offsetPage } = await tenantWithUsers(
      ['e1', 'e2', 'e3', 'e4', 'e5'].map((username) => ({ username, email: `${username}@example.com` })),
    );
    assert.deepEqual(names((await offsetPage({ offset: 0, limit: 1 })).rows), ['e1']);
    assert.deepEqual(names((await offsetPage({ offset: 3, limit: 1000 })).rows), ['e4', 'e5']);
    assert.deepEqual(names((await offsetPage({ offset: 4, limit: 1 })).rows), ['e5']);
    assert.deepEqual((await offsetPage({ offset: 5, limit: 10 })).rows, []);
    assert.deepEqual((await offsetPage({ offset: Number.MAX_SAFE_INTEGER, limit: 10 })).rows, []);
    assert.deepEqual(await offsetPage({ offset: 500, limit: 10, includeTotal: true }), {
      rows: [],
      total: 5,
    });
    // The rows are the stored rows, nothing added.
    const [row] = (await offsetPage({ offset: 2, limit: 1 })).rows;
    assert.deepEqual(row, await users.findUser(ctx.db, tenant.id, row!.id));
  });

  test('an offset below 0, a limit below 1 and fractions are refused', async () => {
    const { offsetPage } = await tenantWithUsers([{ username: 'b1' }]);
    for (const bounds of [
      { offset: -1, limit: 10 },
      { offset: 1.5, limit: 10 },
      { offset: Number.NaN, limit: 10 },
      { offset: 2 ** 64, limit: 10 },
      { offset: 0, limit: 0 },
      { offset: 0, limit: -5 },
      { offset: 0, limit: 2.5 },
    ]) {
      await assert.rejects(offsetPage(bounds), RangeError, JSON.stringify(bounds));
    }
    await assert.rejects(offsetPage({ filter: 'username eq' }), QueryError);
    await assert.rejects(offsetPage({ sort: 'locale' }), QueryError);
  });
});
