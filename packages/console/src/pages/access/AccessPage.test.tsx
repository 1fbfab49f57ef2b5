import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { hourFloor, hourMs } from '../../lib/utc-time.js';
import { demoAccessOfAda, demoTenantId, demoUsers, recordedAt } from '../../test-support/demo-answers.js';
import { listOf, renderSignedIn, requestsTo } from '../../test-support/fake-profiled.js';
import { AccessPage } from './AccessPage.js';

const ada = 'b2184c95-bb2c-5c04-b03c-2e27f82cf62e';
const noAccess = {
  ...demoAccessOfAda,
  capabilities: [],
  additionalCapabilities: [],
  roles: [],
  permissions: [],
  sources: [],
};
const routes = {
  'GET /v1/users': listOf(demoUsers.items, 'username'),
  'GET /v1/tenants/{id}': () => ({ id: demoTenantId, name: 'Jupiter Holdings', code: 'WFF_j1r' }),
  // Ada holds PARTNER_ADMIN until the end of 2026 in this test.
  'GET /v1/users/{id}/access': ({ query }: { query: URLSearchParams }) => {
    const at = query.get('at')!;
    return Date.parse(at) < Date.parse('2027-01-01T00:00:00Z')
      ? { ...demoAccessOfAda, at }
      : { ...noAccess, at };
  },
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(recordedAt);
});
afterEach(() => vi.useRealTimers());

async function pickAda() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('User'), 'ada');
  await user.click(within(await screen.findByRole('list', { name: 'Matching users' })).getByRole('button'));
  return user;
}

test('shows each capability with its levels and the assignment that grants it', async () => {
  const { requests } = renderSignedIn(<AccessPage />, { routes });
  await pickAda();
  const capabilities = await screen.findByRole('table', { name: 'Capabilities' });
  const security = within(capabilities).getByRole('row', { name: /Security/ });
  expect(
    within(security)
      .getAllByRole('cell')
      .map((cell) => cell.textContent),
  ).toEqual(['Write', 'Detailed', 'PARTNER_ADMIN (assignment …893aaf24)']);
  const sources = screen.getByRole('table', { name: 'Granting assignments' });
  expect(within(sources).getByRole('rowheader').textContent).toBe('PARTNER_ADMIN');
  expect(screen.getByText('Approve, DataUpload, ExportData, Publish')).toBeDefined();
  expect(screen.getByText('partner-admin')).toBeDefined();
  expect(
    within(screen.getByRole('table', { name: 'Permissions' })).getByText('region = eu-west'),
  ).toBeDefined();
  const [first] = requestsTo(requests, 'GET', `/v1/users/${ada}/access`);
  expect(first!.query.get('tenant')).toBe(demoTenantId);
  expect(first!.query.get('at')).toBe(new Date(recordedAt).toISOString());
});

test("the slider's instant is sent as `at`, an hour a step from now", async () => {
  const { requests } = renderSignedIn(<AccessPage />, { routes });
  await pickAda();
  await screen.findByRole('table', { name: 'Capabilities' });
  const slider = screen.getByRole('slider', { name: 'Instant' });
  // 31 days on: 2027-01-02, after the grant ends.
  fireEvent.change(slider, { target: { value: String(31 * 24) } });
  const expected = new Date(hourFloor(recordedAt) + 31 * 24 * hourMs).toISOString();
  await waitFor(() =>
    expect(requestsTo(requests, 'GET', `/v1/users/${ada}/access`).map((r) => r.query.get('at'))).toContain(
      expected,
    ),
  );
  await screen.findByText('No profile grants access at this instant.');
  expect(screen.queryByRole('table', { name: 'Capabilities' })).toBeNull();
  expect(slider.getAttribute('aria-valuetext')).toBe('2027-01-02 20:00 UTC');
});

test('the date and time field (UTC) sets the instant exactly', async () => {
  const { requests } = renderSignedIn(<AccessPage />, { routes });
  await pickAda();
  await screen.findByRole('table', { name: 'Capabilities' });
  // A browser changes a date and time field in one go, as this does.
  fireEvent.change(screen.getByLabelText('Date and time (UTC)'), { target: { value: '2026-12-31T23:30' } });
  await waitFor(() =>
    expect(requestsTo(requests, 'GET', `/v1/users/${ada}/access`).at(-1)!.query.get('at')).toBe(
      '2026-12-31T23:30:00.000Z',
    ),
  );
  await screen.findByRole('heading', { name: 'Access of ada.lovelace at 2026-12-31 23:30 UTC' });
});
