import type { Page } from '@profiled/sdk';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import type { Found } from '../../components/EntitySearch.js';
import { Loading } from '../../components/Loading.js';
import { TimelineBars } from '../../components/TimelineBars.js';
import { nameOr, useIdNames } from '../../components/useIdNames.js';
import { useCursorPages } from '../../components/useCursorPages.js';
import { useNow } from '../../components/useNow.js';
import { ProfileSearch, UserSearch } from '../../components/UserAndProfileSearch.js';
import { useCan, useSession } from '../../session.js';
import { AssignForm } from './AssignForm.js';
import { AssignmentEditor } from './AssignmentEditor.js';
import { assignmentRows, windowOf, type Assignment, type RowsBy } from './assignment-rows.js';
import { AssignmentTable } from './AssignmentTable.js';
import { presetRange, type RangePreset, type TimeRange } from './timeline-geometry.js';
import { TimelineRangeControls } from './TimelineRangeControls.js';

/** Assignments fetched per page; "Load more" adds the next page to the timeline. */
const pageSize = 100;

/**
 * The acting tenant's assignments on a timeline (or as a table), one row per user or per
 * profile, optionally of one user or one profile. Pages of assignments are fetched from the
 * server as asked for ("Load more"); the names of their users and profiles are looked up in
 * batches.
 */
export function AssignmentsPage() {
  const { api, tenant } = useSession();
  const canWrite = useCan('assignments:write');
  const now = useNow();
  const [rowsBy, setRowsBy] = useState<RowsBy>('user');
  const [view, setView] = useState<'timeline' | 'table'>('timeline');
  const [user, setUser] = useState<Found | undefined>();
  const [profile, setProfile] = useState<Found | undefined>();
  const [preset, setPreset] = useState<RangePreset | 'custom'>('all');
  const [customRange, setCustomRange] = useState<TimeRange | undefined>();
  const [selected, setSelected] = useState<string | undefined>();

  const load = async (cursor: string | undefined): Promise<Page<Assignment>> => {
    const query = { limit: pageSize, ...(cursor === undefined ? {} : { cursor }) };
    if (user && !profile)
      return (await api.get('/v1/users/{id}/assignments', { params: { path: { id: user.id }, query } })).data;
    if (profile && !user)
      return (await api.get('/v1/profiles/{id}/assignments', { params: { path: { id: profile.id }, query } }))
        .data;
    const { data } = await api.get('/v1/assignments', {
      params: {
        query: { ...query, ...(user && { userId: user.id }), ...(profile && { profileId: profile.id }) },
      },
    });
    return data;
  };
  const pages = useCursorPages(load, `${tenant}|${user?.id ?? ''}|${profile?.id ?? ''}`);
  const userNames = useIdNames(
    'users',
    pages.items.map((a) => a.userId),
  );
  const profileNames = useIdNames(
    'profiles',
    pages.items.map((a) => a.profileId),
  );
  const userName = (id: string) => nameOr(userNames, id);
  const profileName = (id: string) => nameOr(profileNames, id);
  const rows = assignmentRows(pages.items, rowsBy, userName, profileName, now);
  const range =
    preset === 'custom' && customRange
      ? customRange
      : presetRange(preset === 'custom' ? 'all' : preset, now, pages.items.map(windowOf));

  return (
    <section className="assignments-page">
      <h1>Assignments</h1>
      <div className="filters" role="search" aria-label="Which assignments">
        <UserSearch label="Only of user" picked={user} onPick={setUser} />
        <ProfileSearch label="Only of profile" picked={profile} onPick={setProfile} />
      </div>
      <div className="view-options">
        <fieldset className="toggle">
          <legend>Rows</legend>
          <label>
            <input
              type="radio"
              name="rows-by"
              checked={rowsBy === 'user'}
              onChange={() => setRowsBy('user')}
            />{' '}
            Per user
          </label>
          <label>
            <input
              type="radio"
              name="rows-by"
              checked={rowsBy === 'profile'}
              onChange={() => setRowsBy('profile')}
            />{' '}
            Per profile
          </label>
        </fieldset>
        <fieldset className="toggle">
          <legend>View</legend>
          <label>
            <input
              type="radio"
              name="view"
              checked={view === 'timeline'}
              onChange={() => setView('timeline')}
            />{' '}
            Timeline
          </label>
          <label>
            <input type="radio" name="view" checked={view === 'table'} onChange={() => setView('table')} />{' '}
            Table
          </label>
        </fieldset>
        {view === 'timeline' && (
          <TimelineRangeControls
            preset={preset}
            range={range}
            onPreset={(p) => {
              setPreset(p);
              setCustomRange(undefined);
            }}
            onRange={(r) => {
              setPreset('custom');
              setCustomRange(r);
            }}
          />
        )}
      </div>
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="assignments" />}
      {!pages.loading && pages.error === undefined && rows.length === 0 && (
        <p role="status">No assignments{user || profile ? ' match' : ' in this tenant'}.</p>
      )}
      {rows.length > 0 &&
        (view === 'timeline' ? (
          <TimelineBars
            label="Assignments timeline"
            rows={rows.map((row) => ({
              ...row,
              bars: row.bars.map((bar) => ({ ...bar, id: bar.assignment.id })),
            }))}
            range={range}
            now={now}
            selected={selected}
            onSelect={setSelected}
          />
        ) : (
          <AssignmentTable
            rows={rows}
            rowHeader={rowsBy === 'user' ? 'User' : 'Profile'}
            onSelect={setSelected}
          />
        ))}
      {rows.length > 0 && (
        <p className="legend">
          <span className="status-badge active">Active now</span>{' '}
          <span className="status-badge future">Future</span>{' '}
          <span className="status-badge ended">Ended</span> — a faded end is open (no start or no end).{' '}
          {pages.items.length} assignment{pages.items.length === 1 ? '' : 's'} shown.
        </p>
      )}
      {pages.hasNext && (
        <button type="button" onClick={pages.loadMore}>
          Load more assignments
        </button>
      )}
      {selected !== undefined && (
        <AssignmentEditor
          assignmentId={selected}
          userName={userName}
          profileName={profileName}
          now={now}
          onChanged={pages.reload}
          onClose={() => {
            // Back to the bar (or table row) the details were opened from.
            const opener = selected;
            setSelected(undefined);
            // Compared as data, not put into a selector: nothing to escape.
            requestAnimationFrame(() =>
              Array.from(document.querySelectorAll<HTMLElement>('[data-bar-id]'))
                .find((bar) => bar.dataset.barId === opener)
                ?.focus(),
            );
          }}
        />
      )}
      {canWrite && <AssignForm onAssigned={pages.reload} />}
    </section>
  );
}
