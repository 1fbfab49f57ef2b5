import type { Schema } from '@profiled/sdk';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { CursorPager } from '../../components/CursorPager.js';
import type { Found } from '../../components/EntitySearch.js';
import { Loading } from '../../components/Loading.js';
import { nameOr, useIdNames } from '../../components/useIdNames.js';
import { useCursorPages } from '../../components/useCursorPages.js';
import { useSettled } from '../../components/useSettled.js';
import { ProfileSearch } from '../../components/UserAndProfileSearch.js';
import { useCan, useSession } from '../../session.js';
import { RemediationPanel } from './RemediationPanel.js';

type Account = Schema<'AccountCompliance'>;

const pageSize = 25;

/**
 * Accounts of the acting tenant against what their profiles want in the directory: missing
 * groups, attributes that differ, groups no profile wants. Paged on the server; with
 * directories:write, a remediation plan and, confirmed, its application.
 */
export function CompliancePage() {
  const { api, tenant } = useSession();
  const canRemediate = useCan('directories:write');
  const [username, setUsername] = useState('');
  const [profile, setProfile] = useState<Found | undefined>();
  const [all, setAll] = useState(false);
  const [total, setTotal] = useState<number | undefined>();
  const usernameId = useId();
  const allId = useId();
  const prefix = useSettled(username.trim(), 300);
  const pages = useCursorPages<Account>(
    async (cursor) => {
      const { data } = await api.get('/v1/compliance', {
        params: {
          query: {
            tenant,
            limit: pageSize,
            ...(all && { all: true }),
            ...(prefix !== '' && { username: prefix }),
            ...(profile && { profile: profile.id }),
            ...(cursor === undefined ? {} : { cursor }),
          },
        },
      });
      setTotal(data.total);
      return data;
    },
    `${tenant}|${prefix}|${profile?.id ?? ''}|${all}`,
  );
  const profileNames = useIdNames(
    'profiles',
    pages.items.flatMap((a) => [
      ...a.profileIds,
      ...a.missingGroups.flatMap((g) => g.profileIds),
      ...a.differentAttributes.flatMap((d) => d.profileIds),
    ]),
  );
  const byProfiles = (ids: string[]) => ids.map((id) => nameOr(profileNames, id)).join(', ');

  return (
    <section className="compliance-page">
      <h1>Compliance</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor={usernameId}>Username starts with</label>
          <input
            id={usernameId}
            type="search"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <ProfileSearch label="Only holders of profile" picked={profile} onPick={setProfile} />
        <label htmlFor={allId} className="inline">
          <input id={allId} type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />{' '}
          Include compliant accounts
        </label>
      </div>
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="compliance" />}
      {!pages.loading && pages.error === undefined && (
        <p role="status">
          {total === 0
            ? all
              ? 'No account matches.'
              : 'Every matching account is compliant.'
            : `${total ?? pages.items.length} ${all ? '' : 'non-compliant '}account${total === 1 ? '' : 's'} match.`}
        </p>
      )}
      {pages.items.length > 0 && (
        <table className="data-table compliance-table">
          <caption className="visually-hidden">Accounts and their compliance</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Compliant</th>
              <th scope="col">Missing groups</th>
              <th scope="col">Differing attributes</th>
              <th scope="col">Extra groups</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((account) => (
              <tr key={account.userId}>
                <th scope="row">
                  {account.username}
                  {account.profileIds.length > 0 && (
                    <div className="hint">holds {byProfiles(account.profileIds)}</div>
                  )}
                </th>
                <td>
                  <span className={`status-badge ${account.compliant ? 'active' : 'noncompliant'}`}>
                    {account.compliant ? 'Yes' : 'No'}
                  </span>
                  {account.unassigned && <div className="hint">holds no profile</div>}
                </td>
                <td>
                  <ul className="plain-list">
                    {account.missingGroups.map((group) => (
                      <li key={group.name}>
                        <strong>{group.name}</strong>{' '}
                        <span className="hint">wanted by {byProfiles(group.profileIds)}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ul className="plain-list">
                    {account.differentAttributes.map((attribute) => (
                      <li key={attribute.name}>
                        <strong>{attribute.name}</strong>: is{' '}
                        <del>{attribute.actual.length > 0 ? attribute.actual.join(', ') : '(not set)'}</del>,
                        wanted <ins>{attribute.desired}</ins>{' '}
                        <span className="hint">by {byProfiles(attribute.profileIds)}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{account.extraGroups.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} label="Compliance pages" />
      {canRemediate && <RemediationPanel profileId={profile?.id} onApplied={pages.reload} />}
    </section>
  );
}
