import type { paths } from '@profiled/sdk';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading } from '../../components/Loading.js';
import { useCapabilities } from '../../components/useCapabilities.js';
import { CursorPager } from '../../components/CursorPager.js';
import { InstantSlider } from '../../components/InstantSlider.js';
import { nameOr, shortId, useIdNames } from '../../components/useIdNames.js';
import { useCursorPages } from '../../components/useCursorPages.js';
import { useNow } from '../../components/useNow.js';
import { useSettled } from '../../components/useSettled.js';
import { formatInstant, toApiInstant } from '../../lib/utc-time.js';
import { useCan, useSession } from '../../session.js';
import { useGrantingAssignments } from './useGrantingAssignments.js';

type HoldersQuery = NonNullable<paths['/v1/capabilities/{id}/holders']['get']['parameters']['query']>;
type Level = NonNullable<HoldersQuery['level']>;
type ViewLevel = NonNullable<HoldersQuery['viewLevel']>;
type Holder =
  paths['/v1/capabilities/{id}/holders']['get']['responses'][200]['content']['application/json']['items'][number];

const pageSize = 20;

/**
 * Who holds a capability at (at least) a level in the acting tenant at an instant, a page at a
 * time, with the assignments that give it to them.
 */
export function HoldersPage() {
  const { api, tenant } = useSession();
  const now = useNow();
  const [capability, setCapability] = useState('');
  const [level, setLevel] = useState<Level>('Read');
  const [viewLevel, setViewLevel] = useState<ViewLevel | ''>('');
  const [at, setAt] = useState(() => Date.now());
  const [answeredAt, setAnsweredAt] = useState<string | undefined>();
  const levelId = useId();
  const viewId = useId();
  const atIso = toApiInstant(useSettled(at));

  const pages = useCursorPages<Holder>(
    async (cursor) => {
      const { data } = await api.get('/v1/capabilities/{id}/holders', {
        params: {
          path: { id: capability },
          query: {
            tenant,
            level,
            ...(viewLevel === '' ? {} : { viewLevel }),
            at: atIso,
            limit: pageSize,
            ...(cursor === undefined ? {} : { cursor }),
          },
        },
      });
      setAnsweredAt(data.at);
      return data;
    },
    `${tenant}|${capability}|${level}|${viewLevel}|${atIso}`,
    capability !== '',
  );
  const names = useIdNames(
    'users',
    pages.items.map((h) => h.userId),
  );
  const granting = useGrantingAssignments(
    pages.items.map((h) => h.userId),
    capability,
    answeredAt,
  );

  return (
    <section className="holders-page">
      <h1>Holders of a capability</h1>
      <div className="filters">
        <CapabilityPicker value={capability} onChange={setCapability} />
        <div className="field">
          <label htmlFor={levelId}>Access level at least</label>
          <select id={levelId} value={level} onChange={(event) => setLevel(event.target.value as Level)}>
            <option value="Read">Read</option>
            <option value="Write">Write</option>
            <option value="NoAccess">NoAccess (anyone listed with it)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={viewId}>View level at least</label>
          <select
            id={viewId}
            value={viewLevel}
            onChange={(event) => setViewLevel(event.target.value as ViewLevel | '')}
          >
            <option value="">Any</option>
            <option value="Simple">Simple</option>
            <option value="Detailed">Detailed</option>
          </select>
        </div>
      </div>
      <InstantSlider label="Instant" value={at} onChange={setAt} now={now} />
      {capability === '' && <p className="hint">Pick a capability to see who holds it.</p>}
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="holders" />}
      {capability !== '' && !pages.loading && pages.error === undefined && pages.items.length === 0 && (
        <p role="status">Nobody holds {capability} at this level at this instant.</p>
      )}
      {pages.items.length > 0 && (
        <table className="data-table">
          <caption>
            Holders of {capability} at {level} or more
            {answeredAt && ` at ${formatInstant(Date.parse(answeredAt))}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Access level</th>
              <th scope="col">View level</th>
              <th scope="col">Granted by</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((holder) => (
              <tr key={holder.userId}>
                <th scope="row">{nameOr(names, holder.userId)}</th>
                <td>{holder.accessLevel}</td>
                <td>{holder.viewLevel}</td>
                <td>
                  {granting.has(holder.userId)
                    ? granting
                        .get(holder.userId)!
                        .map((s) => `${s.profileName} (assignment ${shortId(s.assignmentId)})`)
                        .join(', ') || 'unknown'
                    : '…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {capability !== '' && <CursorPager pages={pages} label="Holder pages" />}
    </section>
  );
}

/** The capability catalog as a select (with profiles:read), else a name typed in. */
function CapabilityPicker({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const canList = useCan('profiles:read');
  const { data: catalog, error } = useCapabilities(canList);
  const id = useId();
  if (!canList || error !== undefined)
    return (
      <div className="field">
        <label htmlFor={id}>Capability</label>
        <input id={id} value={value} onChange={(event) => onChange(event.target.value.trim())} />
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>Capability</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{catalog ? 'Choose a capability' : 'Loading…'}</option>
        {catalog?.map((capability) => (
          <option key={capability.name} value={capability.name}>
            {capability.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
