// The console's story of a grant in time: a profile assigned with a window in the future shows
// on the timeline as future, grants its capability in effective access at an instant inside the
// window and nothing outside it, and its creation is in the audit trail with what it wrote.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  demoWriterLogin,
  eventually,
  forEachConsole,
  goTo,
  openPage,
  screenshot,
  signInWithPassword,
  unique,
} from './support.js';

const DAY = 86_400_000;
/** An instant as the console's UTC fields take it: YYYY-MM-DDTHH:MM. */
const utcField = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** An instant as the console names it: YYYY-MM-DD HH:MM UTC. */
const utcName = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

forEachConsole('a grant in time, in the console', (server) => {
  test('assigned with a future window: on the timeline, in effective access inside the window only, in the audit trail', async () => {
    const { api } = server();
    // A profile and a user of their own, so that nothing of the demo grants the user anything.
    const profileName = unique('E2E_FUTURE');
    await api.post('/v1/profiles', {
      body: {
        name: profileName,
        capabilities: [{ capability: 'Analytics', accessLevel: 'Read', viewLevel: 'Simple' }],
      },
    });
    const username = unique('future.user');
    const { data: user } = await api.post('/v1/users', { body: { username } });
    // Whole minutes, as the form takes them.
    const from = Math.ceil((Date.now() + 10 * DAY) / 60_000) * 60_000;
    const until = from + 10 * DAY;

    const { page, close } = await openPage(server());
    await signInWithPassword(server(), page, demoWriterLogin);
    await goTo(page, 'Assignments');
    await page.getByRole('searchbox', { name: 'User to assign' }).fill(username);
    await page.getByRole('list', { name: 'Matching users' }).getByRole('button', { name: username }).click();
    await page.getByRole('searchbox', { name: 'Profile to assign' }).fill(profileName);
    await page
      .getByRole('list', { name: 'Matching profiles' })
      .getByRole('button', { name: profileName })
      .click();
    await page.getByLabel('Valid from (UTC, empty: open start)').fill(utcField(from));
    await page.getByLabel('Valid until (UTC, empty: open end)').fill(utcField(until));
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Assigned: ${profileName} for ${username}` })
      .waitFor();

    // On the timeline, after "now": a future bar named by its window.
    await page.getByRole('button', { name: 'All', exact: true }).click();
    const bar = page.getByRole('group', { name: 'Assignments timeline' }).getByRole('button', {
      name: `${profileName} for ${username} from ${utcName(from)} until ${utcName(until)}`,
    });
    await eventually(async () => assert.equal(await bar.getAttribute('data-status'), 'future'));
    await screenshot(page, 'assignments-future');

    // Effective access inside the window: Analytics at Read, granted by the new profile.
    await goTo(page, 'Effective access');
    await page.getByRole('searchbox', { name: 'User' }).fill(username);
    await page.getByRole('list', { name: 'Matching users' }).getByRole('button', { name: username }).click();
    const instant = page.getByLabel('Date and time (UTC)');
    await instant.fill(utcField(from + DAY));
    const capabilities = page.getByRole('table', { name: 'Capabilities' });
    await eventually(async () => {
      const row = await capabilities.getByRole('row', { name: /Analytics/ }).innerText();
      assert.match(row, /Read/);
      assert.match(row, new RegExp(profileName));
    });
    await screenshot(page, 'access-inside-window');
    // Before it opens (now) and after it ends: nothing.
    for (const outside of [Date.now(), until + DAY]) {
      await instant.fill(utcField(outside));
      await page
        .getByRole('status')
        .filter({ hasText: 'No profile grants access at this instant.' })
        .waitFor();
      assert.equal(await capabilities.count(), 0);
    }

    // The audit trail has the assignment's creation, with the window it wrote.
    const { data: held } = await api.get('/v1/users/{id}/assignments', { params: { path: { id: user.id } } });
    const assignmentId = held.items[0]!.id;
    await goTo(page, 'Audit trail');
    await page.getByLabel('Resource id').fill(assignmentId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // (Until the filtered page shows, the unfiltered one lists every assignment.create.)
    await eventually(async () =>
      assert.equal(await page.getByRole('rowheader', { name: 'assignment.create' }).count(), 1),
    );
    await page.getByRole('button', { name: `Show changes of assignment.create ${assignmentId}` }).click();
    const diff = page.getByRole('table', {
      name: `What assignment.create changed on assignment ${assignmentId}`,
    });
    assert.match(await diff.innerText(), /validFrom/);
    await screenshot(page, 'audit-assignment');
    await close();
  });
});
