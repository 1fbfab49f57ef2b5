import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  demoWriterLogin,
  forEachConsole,
  goTo,
  openPage,
  screenshot,
  settled,
  signInWithPassword,
} from './support.js';

/** A file name for a page's label: "Effective access" -> "effective-access". */
const fileName = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

forEachConsole('every page of the console', (server) => {
  test('opens without an error, and is photographed into test-results/', async () => {
    const { page, close } = await openPage(server());
    await page.goto(`${server().base}/console/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await signInWithPassword(server(), page, demoWriterLogin);

    // Every page of the navigation, whichever pages the console has.
    const navigation = page.getByRole('navigation', { name: 'Pages' });
    const labels = await navigation.getByRole('link').allInnerTexts();
    assert.ok(labels.includes('Profiles'), labels.join(', '));
    for (const label of labels) {
      await goTo(page, label);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, `${label} shows an error`);
      await screenshot(page, fileName(label));
    }

    // The pages reached by a link: a detail of each kind, and the forms.
    const details: [from: string, link: string, heading: string, name: string][] = [
      ['Tenants', 'Callisto', 'Callisto', 'tenant'],
      ['Users', 'ada.lovelace', 'Ada Lovelace', 'user'],
      ['Profiles', 'PARTNER_ADMIN', 'PARTNER_ADMIN', 'profile'],
    ];
    for (const [from, link, heading, name] of details) {
      await goTo(page, from);
      await page.getByRole('main').getByRole('link', { name: link, exact: true }).click();
      // (Rendered in a transition: until the detail's own heading shows, the list is still there.)
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      await screenshot(page, name);
    }
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit PARTNER_ADMIN' }).waitFor();
    await screenshot(page, 'profile-edit');
    for (const [from, link, name] of [
      ['Users', 'New user', 'user-new'],
      ['Profiles', 'New profile', 'profile-new'],
    ] as const) {
      await goTo(page, from);
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: link }).waitFor();
      await screenshot(page, name);
    }
    await close();
  });
});
