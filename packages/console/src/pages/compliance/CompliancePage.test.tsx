import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import {
  demoCompliance,
  demoProfiles,
  demoRemediationPlan,
  demoTenantId,
} from '../../test-support/demo-answers.js';
import { listOf, readScopes, renderSignedIn, requestsTo } from '../../test-support/fake-profiled.js';
import { CompliancePage } from './CompliancePage.js';

const grace = 'f2dad304-8241-5c12-b691-e5738f6925fb';
const nonCompliant = { ...demoCompliance, items: demoCompliance.items.filter((a) => !a.compliant), total: 1 };
const routes = {
  'GET /v1/compliance': ({ query }: { query: URLSearchParams }) =>
    query.get('all') === 'true' ? demoCompliance : nonCompliant,
  'GET /v1/profiles': listOf(demoProfiles.items, 'name'),
  'POST /v1/compliance/remediate': ({ body }: { body: unknown }) =>
    (body as { dryRun: boolean }).dryRun
      ? demoRemediationPlan
      : {
          ...demoRemediationPlan,
          dryRun: false,
          accounts: demoRemediationPlan.accounts.map((a) => ({ ...a, status: 'applied' })),
          resynced: ['dir-1'],
        },
};

test('lists each non-compliant account: missing groups, differing attributes with actual and wanted, and who wants them', async () => {
  const { requests } = renderSignedIn(<CompliancePage />, { routes });
  const row = (await screen.findByRole('rowheader', { name: /grace\.hopper/ })).closest('tr')!;
  const [compliant, missing, different, extra] = within(row).getAllByRole('cell');
  expect(compliant!.textContent).toBe('No');
  await waitFor(() => expect(missing!.textContent).toBe('Partner Admins wanted by PARTNER_ADMIN'));
  expect(different!.textContent).toBe(
    'department: is Engineering, wanted Partner Operations by PARTNER_ADMIN',
  );
  expect(different!.querySelector('del')!.textContent).toBe('Engineering');
  expect(different!.querySelector('ins')!.textContent).toBe('Partner Operations');
  expect(extra!.textContent).toBe('Everyone');
  expect(screen.getByText('1 non-compliant account match.')).toBeDefined();
  const [first] = requestsTo(requests, 'GET', '/v1/compliance');
  expect(Object.fromEntries(first!.query)).toEqual({ tenant: demoTenantId, limit: '25' });
});

test('compliant accounts too with the checkbox (all=true)', async () => {
  const user = userEvent.setup();
  const { requests } = renderSignedIn(<CompliancePage />, { routes });
  await screen.findByRole('rowheader', { name: /grace\.hopper/ });
  await user.click(screen.getByLabelText('Include compliant accounts'));
  const ada = (await screen.findByRole('rowheader', { name: /ada\.lovelace/ })).closest('tr')!;
  expect(within(ada).getAllByRole('cell')[0]!.textContent).toBe('Yes');
  expect(requestsTo(requests, 'GET', '/v1/compliance').at(-1)!.query.get('all')).toBe('true');
});

test('without directories:write there is no remediation', async () => {
  renderSignedIn(<CompliancePage />, { routes });
  await screen.findByRole('rowheader', { name: /grace\.hopper/ });
  expect(screen.queryByRole('button', { name: /Plan remediation/ })).toBeNull();
});

test('with directories:write: a dry run shows the plan; applying asks first and sends exactly the planned accounts', async () => {
  const user = userEvent.setup();
  const { requests } = renderSignedIn(<CompliancePage />, {
    routes,
    scopes: [...readScopes, 'directories:write'],
  });
  await user.click(screen.getByRole('button', { name: 'Plan remediation (dry run)' }));
  const plan = await screen.findByRole('table', { name: 'Remediation plan (dry run)' });
  const row = within(plan).getByRole('row', { name: /grace\.hopper/ });
  expect(row.textContent).toContain('Add to group Partner Admins');
  expect(row.textContent).toContain('Set department to Partner Operations');
  expect(row.textContent).toContain(
    'replace department: Partner Operations on uid=grace.hopper,ou=people,dc=example,dc=com',
  );
  expect(requestsTo(requests, 'POST', '/v1/compliance/remediate').map((r) => r.body)).toEqual([
    { dryRun: true, tenant: demoTenantId },
  ]);

  await user.click(screen.getByRole('button', { name: 'Apply this plan…' }));
  const confirm = screen.getByRole('group', { name: 'Confirm applying the plan' });
  expect(confirm.textContent).toContain('Apply 2 changes to 1 account in the directory?');
  expect(requestsTo(requests, 'POST', '/v1/compliance/remediate')).toHaveLength(1);
  await user.click(within(confirm).getByRole('button', { name: 'Yes, apply' }));
  await screen.findByRole('table', { name: 'Remediation result' });
  expect(screen.getByText('Applied to 1 account. Directories synced again: 1.')).toBeDefined();
  expect(requestsTo(requests, 'POST', '/v1/compliance/remediate')[1]!.body).toEqual({
    dryRun: false,
    tenant: demoTenantId,
    userIds: [grace],
  });
});
