import type { Schema } from '@profiled/sdk';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useSession } from '../../session.js';

type Remediation = Schema<'Remediation'>;
type Change = Remediation['accounts'][number]['changes'][number];

const changeText = (change: Change) =>
  change.kind === 'add-to-group'
    ? `Add to group ${change.name}`
    : `Set ${change.name} to ${change.value ?? '(nothing)'}`;

/**
 * The LDAP changes that would make the non-compliant accounts compliant (a dry run first), and,
 * after a confirmation, making exactly those: the accounts of the plan shown, nothing more.
 */
export function RemediationPanel({ profileId, onApplied }: { profileId?: string; onApplied: () => void }) {
  const { api, tenant } = useSession();
  const [plan, setPlan] = useState<Remediation | undefined>();
  const [applied, setApplied] = useState<Remediation | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const userIds = dryRun
        ? undefined
        : plan!.accounts.filter((a) => a.status === 'planned').map((a) => a.userId);
      const { data } = await api.post('/v1/compliance/remediate', {
        body: { dryRun, tenant, ...(profileId && { profileId }), ...(userIds && { userIds }) },
      });
      if (dryRun) {
        setPlan(data);
        setApplied(undefined);
      } else {
        setApplied(data);
        setPlan(undefined);
        onApplied();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const planned = plan?.accounts.filter((a) => a.status === 'planned') ?? [];
  const changeCount = planned.reduce((sum, account) => sum + account.changes.length, 0);
  return (
    <section className="panel" aria-labelledby="remediation-heading">
      <h2 id="remediation-heading">Remediation</h2>
      <p className="hint">
        Plans the directory changes that give each non-compliant account its missing groups and attributes
        {profileId ? ' (holders of the chosen profile only)' : ''}. Nothing changes until you apply the plan.
      </p>
      <button type="button" disabled={busy} onClick={() => void run(true)}>
        Plan remediation (dry run)
      </button>
      <ErrorMessage error={error} />
      {busy && <p role="status">Working…</p>}
      {plan && <RemediationTable remediation={plan} caption="Remediation plan (dry run)" />}
      {plan && planned.length === 0 && <p role="status">Nothing to change: no planned account.</p>}
      {plan && planned.length > 0 && !confirming && (
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Apply this plan…
        </button>
      )}
      {confirming && (
        <p role="group" aria-label="Confirm applying the plan">
          Apply {changeCount} change{changeCount === 1 ? '' : 's'} to {planned.length} account
          {planned.length === 1 ? '' : 's'} in the directory?{' '}
          <button type="button" className="danger" disabled={busy} onClick={() => void run(false)}>
            Yes, apply
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      )}
      {applied && (
        <>
          <p role="status">{appliedSummary(applied)}</p>
          <RemediationTable remediation={applied} caption="Remediation result" />
        </>
      )}
    </section>
  );
}

function RemediationTable({ remediation, caption }: { remediation: Remediation; caption: string }) {
  if (remediation.accounts.length === 0)
    return <p role="status">Every account is compliant: nothing to do.</p>;
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Status</th>
          <th scope="col">Changes</th>
          <th scope="col">Not resolved</th>
        </tr>
      </thead>
      <tbody>
        {remediation.accounts.map((account) => (
          <tr key={account.userId}>
            <th scope="row">{account.username}</th>
            <td>
              {account.status}
              {account.error && <span className="error"> — {account.error}</span>}
            </td>
            <td>
              <ul className="plain-list">
                {account.changes.map((change) => (
                  <li key={`${change.kind}-${change.name}`}>
                    {changeText(change)}
                    <div className="hint">
                      <code>
                        {change.ldap.operation} {change.ldap.attribute}: {change.ldap.values.join(', ')} on{' '}
                        {change.ldap.dn}
                      </code>
                    </div>
                  </li>
                ))}
              </ul>
            </td>
            <td>{account.unresolved.join(', ') || 'none'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Applied to 2 accounts; 1 failed." and the directories synced again. */
function appliedSummary(result: Remediation): string {
  const applied = result.accounts.filter((a) => a.status === 'applied').length;
  const failed = result.accounts.filter((a) => a.status === 'failed').length;
  const accounts = (n: number) => `${n} account${n === 1 ? '' : 's'}`;
  return [
    `Applied to ${accounts(applied)}`,
    failed > 0 ? `; failed for ${accounts(failed)} (see below)` : '',
    '.',
    result.resynced.length > 0 ? ` Directories synced again: ${result.resynced.length}.` : '',
  ].join('');
}
