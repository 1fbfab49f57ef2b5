import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { demoAuditEvents } from '../../test-support/demo-answers.js';
import { renderSignedIn, requestsTo } from '../../test-support/fake-profiled.js';
import { AuditPage } from './AuditPage.js';

const update = demoAuditEvents.items[0]!;
const routes = {
  'GET /v1/audit-events': ({ query }: { query: URLSearchParams }) =>
    query.get('cursor') === 'older'
      ? { items: demoAuditEvents.items.slice(1), nextCursor: null }
      : { items: [update], nextCursor: 'older' },
};

test('each event shows time, actor, action, resource and request id; its diff shows the changed field', async () => {
  const user = userEvent.setup();
  renderSignedIn(<AuditPage />, { routes });
  const row = (await screen.findByRole('rowheader', { name: 'assignment.update' })).closest('tr')!;
  expect(row.textContent).toContain('2026-12-02 20:23 UTC');
  expect(row.textContent).toContain('client:pc_1449797bd7844a8ad646');
  expect(row.textContent).toContain(`assignment …${update.targetId.slice(-8)}`);
  expect(row.textContent).toContain(update.requestId!.slice(-8));

  const show = within(row).getByRole('button', {
    name: `Show changes of assignment.update ${update.targetId}`,
  });
  expect(show.getAttribute('aria-expanded')).toBe('false');
  await user.click(show);
  expect(show.getAttribute('aria-expanded')).toBe('true');
  const diff = screen.getByRole('table', { name: /What assignment.update changed/ });
  const validUntil = within(diff).getByRole('row', { name: /validUntil/ });
  expect(
    within(validUntil)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['changed', '1796156591535 (2026-12-01 20:23 UTC)', '1798761600000 (2027-01-01 00:00 UTC)']);
  expect(validUntil.querySelector('del')?.textContent).toBe('1796156591535 (2026-12-01 20:23 UTC)');
  expect(validUntil.querySelector('ins')?.textContent).toBe('1798761600000 (2027-01-01 00:00 UTC)');
  // Unchanged fields wait to be asked for.
  expect(within(diff).queryByRole('row', { name: /profileId/ })).toBeNull();
  await user.click(screen.getByLabelText(/Show the \d+ unchanged fields/));
  expect(within(diff).getByRole('row', { name: /profileId/ }).textContent).toContain('unchanged');
});

test('a create shows every field as added', async () => {
  const user = userEvent.setup();
  renderSignedIn(<AuditPage />, {
    routes: { 'GET /v1/audit-events': () => ({ items: [demoAuditEvents.items[1]], nextCursor: null }) },
  });
  await user.click(await screen.findByRole('button', { name: /Show changes of credential.create/ }));
  const diff = screen.getByRole('table', { name: /What credential.create changed/ });
  const name = within(diff).getByRole('row', { name: /^name/ });
  expect(
    within(name)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['added', '', 'console pages admin']);
});

test('filters are sent as one SCIM filter, and paging follows the cursor', async () => {
  const user = userEvent.setup();
  const { requests } = renderSignedIn(<AuditPage />, { routes });
  await screen.findByRole('rowheader', { name: 'assignment.update' });
  await user.type(screen.getByLabelText('Actor'), 'user:ada.lovelace');
  await user.type(screen.getByLabelText('Action starts with'), 'assignment.');
  fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2026-12-01T00:00' } });
  await user.click(screen.getByRole('button', { name: 'Apply filters' }));
  await waitFor(() => expect(requestsTo(requests, 'GET', '/v1/audit-events')).toHaveLength(2));
  expect(requestsTo(requests, 'GET', '/v1/audit-events')[1]!.query.get('filter')).toBe(
    '(actor eq "user:ada.lovelace") and (action sw "assignment.") and (at ge "2026-12-01T00:00:00.000Z")',
  );
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findAllByRole('rowheader', { name: 'credential.create' });
  const last = requestsTo(requests, 'GET', '/v1/audit-events').at(-1)!;
  expect([last.query.get('cursor'), last.query.get('filter')]).toEqual([
    'older',
    '(actor eq "user:ada.lovelace") and (action sw "assignment.") and (at ge "2026-12-01T00:00:00.000Z")',
  ]);
  await user.click(screen.getByRole('button', { name: 'Clear filters' }));
  await waitFor(() =>
    expect(requestsTo(requests, 'GET', '/v1/audit-events').at(-1)!.query.get('filter')).toBeNull(),
  );
  expect(screen.getByLabelText('Actor')).toHaveProperty('value', '');
});
