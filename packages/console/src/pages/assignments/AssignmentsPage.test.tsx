import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { demoAssignments, demoProfiles, demoUsers, recordedAt } from '../../test-support/demo-answers.js';
import {
  descriptionOf,
  listOf,
  problem,
  readScopes,
  renderSignedIn,
  reply,
  requestsTo,
} from '../../test-support/fake-profiled.js';
import { AssignmentsPage } from './AssignmentsPage.js';

const routes = {
  'GET /v1/assignments': () => demoAssignments,
  'GET /v1/users': listOf(demoUsers.items, 'username'),
  'GET /v1/profiles': listOf(demoProfiles.items, 'name'),
};
const alansFutureGrant =
  'PARTNER_CUSTOMER_SERVICE_MGR for alan.turing from 2026-12-09 20:23 UTC until open end';
const adasOpenGrant = 'PARTNER_ADMIN for ada.lovelace from open start until open end';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(recordedAt);
});
afterEach(() => vi.useRealTimers());

describe('the assignments timeline', () => {
  test('names every bar "PROFILE for USER from X until Y" and draws open ends as open', async () => {
    renderSignedIn(<AssignmentsPage />, { routes });
    const open = await screen.findByRole('button', { name: adasOpenGrant });
    expect(open).toHaveProperty('dataset.openStart', 'true');
    expect(open).toHaveProperty('dataset.openEnd', 'true');
    expect(open.className).toContain('open-end');
    const closed = screen.getByRole('button', {
      name: /^ANALYST for edsger\.dijkstra from 2026-10-03 20:23 UTC until/,
    });
    expect(closed).toHaveProperty('dataset.openEnd', 'false');
  });

  test('puts a future grant to the right of the "now" line, described as future', async () => {
    renderSignedIn(<AssignmentsPage />, { routes });
    const future = await screen.findByRole('button', { name: alansFutureGrant });
    const row = future.closest('.timeline-track') as HTMLElement;
    const now = within(row).getByTestId('timeline-now');
    expect(parseFloat(future.style.left)).toBeGreaterThan(parseFloat(now.style.left));
    expect(descriptionOf(future)).toBe('Starts in the future');
  });

  test('rows per profile: one row per profile, bars named the same way', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AssignmentsPage />, { routes });
    await screen.findByRole('button', { name: alansFutureGrant });
    await user.click(screen.getByRole('radio', { name: 'Per profile' }));
    const rows = screen.getAllByRole('group').filter((group) => group.classList.contains('timeline-track'));
    expect(
      rows.map(
        (row) =>
          row.getAttribute('aria-labelledby') &&
          document.getElementById(row.getAttribute('aria-labelledby')!)?.textContent,
      ),
    ).toEqual(['ANALYST', 'PARTNER_ADMIN', 'PARTNER_CUSTOMER_SERVICE_MGR']);
    expect(screen.getByRole('button', { name: alansFutureGrant })).toBeDefined();
  });

  test('the 30 days preset shows a grant that starts later as a marker at the right edge', async () => {
    const user = userEvent.setup();
    const later = {
      ...demoAssignments.items[0]!,
      id: 'later',
      validFrom: '2027-06-01T00:00:00.000Z',
      validUntil: '2027-07-01T00:00:00.000Z',
    };
    renderSignedIn(<AssignmentsPage />, {
      routes: { ...routes, 'GET /v1/assignments': () => ({ items: [later], nextCursor: null }) },
    });
    const bar = await screen.findByRole('button', {
      name: /from 2027-06-01 00:00 UTC until 2027-07-01 00:00 UTC/,
    });
    expect(bar).toHaveProperty('dataset.placement', 'inside');
    await user.click(screen.getByRole('button', { name: '30 days' }));
    expect(bar).toHaveProperty('dataset.placement', 'after');
    expect(descriptionOf(bar)).toBe('Starts in the future After the range shown');
  });

  test('pages on the server: Load more asks for the next cursor and adds its rows', async () => {
    const user = userEvent.setup();
    const [first, ...rest] = demoAssignments.items;
    const { requests } = renderSignedIn(<AssignmentsPage />, {
      routes: {
        ...routes,
        'GET /v1/assignments': ({ query }) =>
          query.get('cursor') === 'page-2'
            ? { items: rest, nextCursor: null }
            : { items: [first], nextCursor: 'page-2' },
      },
    });
    await screen.findByRole('button', { name: /for alan\.turing/ });
    expect(screen.queryByRole('button', { name: adasOpenGrant })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Load more assignments' }));
    await screen.findByRole('button', { name: adasOpenGrant });
    expect(screen.getByRole('button', { name: alansFutureGrant })).toBeDefined();
    expect(
      requestsTo(requests, 'GET', '/v1/assignments').map((r) => [
        r.query.get('limit'),
        r.query.get('cursor'),
      ]),
    ).toEqual([
      ['100', null],
      ['100', 'page-2'],
    ]);
    expect(screen.queryByRole('button', { name: 'Load more assignments' })).toBeNull();
  });

  test("one user's assignments come from /v1/users/{id}/assignments", async () => {
    const user = userEvent.setup();
    const { requests } = renderSignedIn(<AssignmentsPage />, {
      routes: {
        ...routes,
        'GET /v1/users/{id}/assignments': (_, { id }) => ({
          items: demoAssignments.items.filter((a) => a.userId === id),
          nextCursor: null,
        }),
      },
    });
    await screen.findByRole('button', { name: alansFutureGrant });
    await user.type(screen.getByLabelText('Only of user'), 'grace');
    await user.click(
      within(await screen.findByRole('list', { name: 'Matching users' })).getByRole('button', {
        name: /grace\.hopper/,
      }),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: alansFutureGrant })).toBeNull());
    expect(
      requestsTo(requests, 'GET', '/v1/users/f2dad304-8241-5c12-b691-e5738f6925fb/assignments'),
    ).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /for grace\.hopper/ })).toHaveLength(2);
  });

  test('the table view lists the same assignments with headers', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AssignmentsPage />, { routes });
    await screen.findByRole('button', { name: alansFutureGrant });
    await user.click(screen.getByRole('radio', { name: 'Table' }));
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['User', 'Profile', 'Valid from', 'Valid until', 'Status', 'Reach', 'Details']);
    expect(within(table).getByRole('button', { name: `Details of ${alansFutureGrant}` })).toBeDefined();
  });
});

describe('writing assignments', () => {
  test('without assignments:write there is no assign form, no window form and no revoke', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AssignmentsPage />, {
      routes: {
        ...routes,
        'GET /v1/assignments/{id}': (_, { id }) => demoAssignments.items.find((a) => a.id === id),
      },
    });
    await user.click(await screen.findByRole('button', { name: alansFutureGrant }));
    await screen.findByRole('heading', { name: alansFutureGrant });
    expect(screen.queryByRole('heading', { name: 'Assign a profile' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save window' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  test('closing the details puts the focus back on the bar they were opened from', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AssignmentsPage />, {
      routes: {
        ...routes,
        'GET /v1/assignments/{id}': (_, { id }) => demoAssignments.items.find((a) => a.id === id),
      },
    });
    const bar = await screen.findByRole('button', { name: alansFutureGrant });
    await user.click(bar);
    await screen.findByRole('heading', { name: alansFutureGrant });
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: alansFutureGrant })),
    );
  });

  test('assigns a profile for a future window in the acting tenant', async () => {
    const user = userEvent.setup();
    const { requests } = renderSignedIn(<AssignmentsPage />, {
      scopes: [...readScopes, 'assignments:write'],
      routes: {
        ...routes,
        'POST /v1/assignments': ({ body }) =>
          reply(201, { ...demoAssignments.items[0], ...(body as object), id: 'new' }),
      },
    });
    await user.type(screen.getByLabelText('User to assign'), 'edsger');
    await user.click(
      within(await screen.findByRole('list', { name: 'Matching users' })).getByRole('button', {
        name: /edsger\.dijkstra/,
      }),
    );
    await user.type(screen.getByLabelText('Profile to assign'), 'ADMIN');
    await user.click(
      within(await screen.findByRole('list', { name: 'Matching profiles' })).getByRole('button', {
        name: /PARTNER_ADMIN/,
      }),
    );
    await user.type(screen.getByLabelText(/Valid from/), '2027-01-10T09:00');
    await user.type(screen.getByLabelText(/Valid until/), '2027-02-10T09:00');
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    await screen.findByText(
      /Assigned: PARTNER_ADMIN for edsger\.dijkstra from 2027-01-10 09:00 UTC until 2027-02-10 09:00 UTC/,
    );
    const [post] = requestsTo(requests, 'POST', '/v1/assignments');
    expect(post!.body).toEqual({
      userId: '41caeb01-bacd-54a9-b8c4-5d589f8c5e7b',
      profileId: '80d04b61-f5e5-5786-a807-1180e49ee0d0',
      scopeTenantId: 'fdba7e54-3dc6-591a-85ae-e08885a708c6',
      includeDescendants: false,
      validFrom: '2027-01-10T09:00:00.000Z',
      validUntil: '2027-02-10T09:00:00.000Z',
    });
    expect(post!.headers.get('idempotency-key')).toBeTruthy();
  });

  test('changes the window with If-Match, and says plainly when someone else changed it (412)', async () => {
    const user = userEvent.setup();
    const alans = demoAssignments.items.find((a) => a.id === '06563262-8083-5103-bd93-72388b33e3b2')!;
    const { requests } = renderSignedIn(<AssignmentsPage />, {
      scopes: [...readScopes, 'assignments:write'],
      routes: {
        ...routes,
        'GET /v1/assignments/{id}': () => reply(200, alans, { etag: '"1"' }),
        'PATCH /v1/assignments/{id}': () =>
          problem(412, 'precondition.failed', 'assignment changed since version 1'),
      },
    });
    await user.click(await screen.findByRole('button', { name: alansFutureGrant }));
    const until = await screen.findByLabelText(/Valid until/, { selector: '.assignment-editor input' });
    await user.type(until, '2027-03-01T00:00');
    await user.click(screen.getByRole('button', { name: 'Save window' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Someone else changed this assignment since you opened it/);
    const [patch] = requestsTo(requests, 'PATCH', `/v1/assignments/${alans.id}`);
    expect(patch!.headers.get('if-match')).toBe('"1"');
    expect(patch!.body).toMatchObject({
      validFrom: '2026-12-09T20:23:00.000Z',
      validUntil: '2027-03-01T00:00:00.000Z',
    });
    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(requestsTo(requests, 'GET', `/v1/assignments/${alans.id}`)).toHaveLength(2));
  });

  test('revokes after a confirmation, with If-Match', async () => {
    const user = userEvent.setup();
    const alans = demoAssignments.items.find((a) => a.id === '06563262-8083-5103-bd93-72388b33e3b2')!;
    const { requests } = renderSignedIn(<AssignmentsPage />, {
      scopes: [...readScopes, 'assignments:write'],
      routes: {
        ...routes,
        'GET /v1/assignments/{id}': () => reply(200, alans, { etag: '"1"' }),
        'DELETE /v1/assignments/{id}': () => reply(204),
      },
    });
    await user.click(await screen.findByRole('button', { name: alansFutureGrant }));
    await user.click(await screen.findByRole('button', { name: 'Revoke' }));
    expect(requestsTo(requests, 'DELETE', `/v1/assignments/${alans.id}`)).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() =>
      expect(requestsTo(requests, 'DELETE', `/v1/assignments/${alans.id}`)).toHaveLength(1),
    );
    expect(requestsTo(requests, 'DELETE', `/v1/assignments/${alans.id}`)[0]!.headers.get('if-match')).toBe(
      '"1"',
    );
  });
});
