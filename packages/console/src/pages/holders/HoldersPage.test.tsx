import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import {
  demoAccessOfAda,
  demoAccessOfGrace,
  demoCapabilities,
  demoHoldersOfData,
  demoTenantId,
  demoUsers,
  recordedAt,
} from '../../test-support/demo-answers.js';
import { listOf, readScopes, renderSignedIn, requestsTo } from '../../test-support/fake-profiled.js';
import { HoldersPage } from './HoldersPage.js';

const ada = 'b2184c95-bb2c-5c04-b03c-2e27f82cf62e';
const grace = 'f2dad304-8241-5c12-b691-e5738f6925fb';
const routes = {
  'GET /v1/capabilities': () => demoCapabilities,
  'GET /v1/users': listOf(demoUsers.items, 'username'),
  'GET /v1/capabilities/{id}/holders': ({ query }: { query: URLSearchParams }) =>
    query.get('cursor') === 'next'
      ? {
          ...demoHoldersOfData,
          items: [{ userId: grace, accessLevel: 'Write', viewLevel: 'Simple' }],
          nextCursor: null,
        }
      : { ...demoHoldersOfData, nextCursor: 'next' },
  'GET /v1/users/{id}/access': (_: unknown, { id }: Record<string, string>) =>
    id === ada ? demoAccessOfAda : demoAccessOfGrace,
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(recordedAt);
});
afterEach(() => vi.useRealTimers());

test('lists the holders of a capability with the assignment that grants it, a page at a time', async () => {
  const user = userEvent.setup();
  const { requests } = renderSignedIn(<HoldersPage />, { routes });
  await user.selectOptions(
    await screen.findByLabelText('Capability'),
    await screen.findByRole('option', { name: 'Data' }),
  );
  await user.selectOptions(screen.getByLabelText('Access level at least'), 'Write');
  const table = await screen.findByRole('table', { name: /Holders of Data at Write or more/ });
  const row = within(table).getByRole('row', { name: /ada\.lovelace/ });
  await waitFor(() =>
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Write', 'Simple', 'PARTNER_ADMIN (assignment …893aaf24)']),
  );
  const [holders] = requestsTo(requests, 'GET', '/v1/capabilities/Data/holders').filter(
    (r) => r.query.get('level') === 'Write',
  );
  expect(Object.fromEntries(holders!.query)).toMatchObject({
    tenant: demoTenantId,
    level: 'Write',
    limit: '20',
  });
  expect(holders!.query.get('at')).toBe(new Date(recordedAt).toISOString());
  // The granting assignments are asked at the instant the holders were answered for.
  expect(requestsTo(requests, 'GET', `/v1/users/${ada}/access`)[0]!.query.get('at')).toBe(
    demoHoldersOfData.at,
  );

  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('row', { name: /grace\.hopper/ });
  expect(screen.queryByRole('row', { name: /ada\.lovelace/ })).toBeNull();
  // Her recorded access grants no Data: what grants it is then unknown, and said so.
  await waitFor(() =>
    expect(screen.getByRole('row', { name: /grace\.hopper/ }).textContent).toMatch(/unknown$/),
  );
  expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
  await user.click(screen.getByRole('button', { name: 'Previous' }));
  await screen.findByRole('row', { name: /ada\.lovelace/ });
});

test('without profiles:read the capability is typed, not chosen from the catalog', async () => {
  renderSignedIn(<HoldersPage />, { routes, scopes: readScopes.filter((s) => s !== 'profiles:read') });
  expect(screen.getByLabelText('Capability').tagName).toBe('INPUT');
  expect(screen.getByText('Pick a capability to see who holds it.')).toBeDefined();
});
