import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ifMatch } from '@profiled/sdk';
import {
  demoClient,
  demoLogin,
  demoWriterLogin,
  eventually,
  forEachConsole,
  goTo,
  openPage,
  screenshot,
  settled,
  signInWithClient,
  signInWithPassword,
  unique,
} from './support.js';

forEachConsole('the console in a browser', (server) => {
  test('signs in with a password and switches tenant', async () => {
    const { page, close } = await openPage(server());
    // The demo's sign-in page lists both published sign-ins and fills one in.
    await page.goto(`${server().base}/console/`);
    await page.getByRole('button', { name: `Fill in ${demoWriterLogin.username}` }).click();
    assert.equal(await page.getByLabel('Username').inputValue(), demoWriterLogin.username);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    assert.match(await page.getByRole('banner').innerText(), /grace\.hopper \(WFF_j1r\)/);

    await goTo(page, 'Tenants');
    const tree = page.getByRole('list', { name: 'Tenant tree' });
    // Waits for the tree: the page may still be rendering when the navigation settles.
    await tree.getByRole('link', { name: 'Callisto' }).waitFor();

    await page
      .getByRole('banner')
      .getByRole('combobox', { name: /^Tenant/ })
      .selectOption({ label: '\u00a0\u00a0Callisto (WFF_j1r~c7o)' });
    // Acting in Callisto, the tree starts there.
    await eventually(async () =>
      assert.deepEqual(await tree.getByRole('link').allInnerTexts(), ['Callisto']),
    );
    await goTo(page, 'Overview');
    const { data: callisto } = await server().api.get('/v1/tenants', {
      params: { query: { filter: 'code eq "WFF_j1r~c7o"' } },
    });
    assert.match(await page.getByRole('main').innerText(), new RegExp(callisto.items[0]!.id));
    await close();
  });

  test('creates a profile, opens it and edits it', async () => {
    const { page, close } = await openPage(server());
    await signInWithPassword(server(), page, demoWriterLogin);
    await goTo(page, 'Profiles');
    await page.getByRole('link', { name: 'New profile' }).click();
    await page.getByRole('heading', { name: 'New profile' }).waitFor();
    const name = unique('E2E_PROFILE');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Description').fill('Made in a browser');
    await page.getByRole('radio', { name: 'Analytics: Read' }).check();
    await page.getByLabel('Roles (one a line)').fill('analyst');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await settled(page);

    // Opened again from the list, found by its filter.
    await goTo(page, 'Profiles');
    await page.getByLabel('Filter (SCIM)').fill(`name eq "${name}"`);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    const grid = page.getByRole('table', { name: /Capabilities/ });
    assert.match(await grid.getByRole('row', { name: /Analytics/ }).innerText(), /yes/);

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
    await page.getByRole('radio', { name: 'Analytics: Write' }).check();
    await page.getByRole('radio', { name: 'Analytics: view Detailed' }).check();
    await page.getByLabel(/Session duration in minutes/).fill('90');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name, exact: true }).waitFor();
    await settled(page);
    assert.match(await page.getByRole('main').innerText(), /1\.5 h|90 min/);

    const { data: found } = await server().api.get('/v1/profiles', {
      params: { query: { filter: `name eq "${name}"` } },
    });
    const stored = found.items[0]!;
    assert.deepEqual(stored.capabilities, [
      { capability: 'Analytics', accessLevel: 'Write', viewLevel: 'Detailed' },
    ]);
    assert.equal(stored.sessionDurationSeconds, 5400);
    assert.deepEqual(stored.roles, ['analyst']);
    assert.equal(stored.version, 2);

    // Cloned under a new name, then the clone deleted.
    await page.getByRole('button', { name: 'Clone' }).click();
    await page.getByLabel('Name of the copy').fill(`${name}_COPY`);
    await page.getByRole('button', { name: 'Create the copy' }).click();
    await page.getByRole('heading', { name: `${name}_COPY`, exact: true }).waitFor();
    await settled(page);
    assert.match(await grid.getByRole('row', { name: /Analytics/ }).innerText(), /yes/);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('heading', { name: 'Profiles', exact: true }).waitFor();
    const { data: copies } = await server().api.get('/v1/profiles', {
      params: { query: { filter: `name sw "${name}"` } },
    });
    assert.deepEqual(
      copies.items.map((profile) => profile.name),
      [name],
    );
    await close();
  });

  test('an edit that someone else overtook says so plainly and reloads', async () => {
    const { api } = server();
    const { data: made } = await api.post('/v1/profiles', { body: { name: unique('E2E_CONFLICT') } });
    const { page, close, expectFailure } = await openPage(server());
    await signInWithPassword(server(), page, demoWriterLogin);
    await page.goto(`${server().base}/console/profiles/${made.id}/edit`);
    await page.getByRole('heading', { name: `Edit ${made.name}` }).waitFor();
    await page.getByLabel('Description').fill('The browser says');

    // Someone else changes the profile first, through the API.
    const current = await api.get('/v1/profiles/{id}', { params: { path: { id: made.id } } });
    await api.patch('/v1/profiles/{id}', {
      params: { path: { id: made.id } },
      body: { description: 'The API said first' },
      headers: ifMatch(current.etag),
    });

    expectFailure({ status: 412, url: `/v1/profiles/${made.id}` });
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Someone else changed this since you opened it/);
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, 'profile-conflict');
    await alert.getByRole('button', { name: 'Reload' }).click();
    await eventually(async () =>
      assert.equal(await page.getByLabel('Description').inputValue(), 'The API said first'),
    );
    assert.equal(await page.getByRole('alert').count(), 0);

    // After the reload the edit goes through.
    await page.getByLabel('Description').fill('The browser says, second try');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: made.name, exact: true }).waitFor();
    const { data: stored } = await api.get('/v1/profiles/{id}', { params: { path: { id: made.id } } });
    assert.equal(stored.description, 'The browser says, second try');
    await close();
  });

  test('a read-only credential sees no write button', async () => {
    for (const signIn of [
      (page: Parameters<typeof signInWithClient>[1]) => signInWithClient(server(), page, demoClient),
      (page: Parameters<typeof signInWithClient>[1]) => signInWithPassword(server(), page, demoLogin),
    ]) {
      const { page, close } = await openPage(server());
      await signIn(page);
      await goTo(page, 'Profiles');
      assert.equal(await page.getByRole('link', { name: 'New profile' }).count(), 0);
      await page.getByRole('link', { name: 'PARTNER_ADMIN' }).click();
      await page.getByRole('heading', { name: 'PARTNER_ADMIN' }).waitFor();
      await settled(page);
      const main = page.getByRole('main');
      assert.equal(await main.getByRole('link', { name: 'Edit' }).count(), 0);
      assert.equal(await main.getByRole('button').count(), 0);
      await goTo(page, 'Users');
      assert.equal(await page.getByRole('link', { name: 'New user' }).count(), 0);
      await page.getByRole('link', { name: 'grace.hopper' }).click();
      await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
      assert.equal(await page.getByRole('main').getByRole('button').count(), 0);
      await close();
    }
  });

  test('creates a user, edits and disables them', async () => {
    const { page, close } = await openPage(server());
    await signInWithPassword(server(), page, demoWriterLogin);
    await goTo(page, 'Users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByRole('heading', { name: 'New user' }).waitFor();
    const username = unique('e2e.user');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { name: username }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Display name').fill('End To End');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'End To End' }).waitFor();
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('button', { name: 'Enable' }).waitFor();

    // Found by its filter, disabled.
    await goTo(page, 'Users');
    await page.getByLabel('Filter (SCIM)').fill(`username eq "${username}"`);
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(async () =>
      assert.deepEqual(await page.getByRole('row').allInnerTexts(), [
        'Username\tDisplay name\tEmail\tState',
        `${username}\tEnd To End\t${username}@example.com\tDisabled`,
      ]),
    );
    await close();
  });

  test('pages through users 25 at a time, forward and back', async () => {
    const prefix = unique('paged');
    for (let n = 1; n <= 30; n += 1) {
      const username = `${prefix}.${String(n).padStart(2, '0')}`;
      await server().api.post('/v1/users', { body: { username } });
    }
    const { page, close } = await openPage(server());
    // Paged on the server: every list request asks for one page, never the whole list, so the
    // page costs the same with 30 users or 10,000.
    const listed: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/users') listed.push(url);
    });
    await signInWithPassword(server(), page, demoWriterLogin);
    await goTo(page, 'Users');
    await page.getByLabel('Filter (SCIM)').fill(`username sw "${prefix}."`);
    await page.getByRole('button', { name: 'Search' }).click();
    const pager = page.getByRole('navigation', { name: 'Pages of users' });
    const usernames = async () =>
      (await page.getByRole('row').allInnerTexts()).slice(1).map((row) => row.split('\t')[0]);
    // (The unfiltered page also has 25 rows: wait for the filtered one by its rows' names.)
    await eventually(async () =>
      assert.deepEqual(
        await usernames(),
        Array.from({ length: 25 }, (_, i) => `${prefix}.${String(i + 1).padStart(2, '0')}`),
      ),
    );
    assert.ok(await pager.getByRole('button', { name: 'Previous' }).isDisabled());
    await pager.getByRole('button', { name: 'Next' }).click();
    await eventually(async () =>
      assert.deepEqual(
        await usernames(),
        [26, 27, 28, 29, 30].map((n) => `${prefix}.${n}`),
      ),
    );
    assert.ok(await pager.getByRole('button', { name: 'Next' }).isDisabled());
    await pager.getByRole('button', { name: 'Previous' }).click();
    await eventually(async () => assert.equal((await usernames())[0], `${prefix}.01`));
    assert.ok(listed.length >= 3);
    for (const url of listed) assert.equal(url.searchParams.get('limit'), '25', url.search);
    await close();
  });
});
