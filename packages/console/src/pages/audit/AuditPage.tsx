import type { Schema } from '@profiled/sdk';
import { Fragment, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { CursorPager } from '../../components/CursorPager.js';
import { Loading } from '../../components/Loading.js';
import { useCursorPages } from '../../components/useCursorPages.js';
import { shortId } from '../../components/useIdNames.js';
import { formatInstant } from '../../lib/utc-time.js';
import { useSession } from '../../session.js';
import { AuditDiff } from './AuditDiff.js';
import { auditFilter, noCriteria, type AuditCriteria } from './audit-filter.js';
import { AuditFilters } from './AuditFilters.js';

type AuditEvent = Schema<'AuditEvent'>;

const pageSize = 25;

/**
 * The audit trail of the acting tenant and the tenants below it, newest first, a page at a time;
 * each event opens to show what its write changed.
 */
export function AuditPage() {
  const { api, tenant } = useSession();
  const [criteria, setCriteria] = useState<AuditCriteria>(noCriteria);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const filter = auditFilter(criteria);
  const pages = useCursorPages<AuditEvent>(
    async (cursor) =>
      (
        await api.get('/v1/audit-events', {
          params: {
            query: {
              limit: pageSize,
              ...(filter === undefined ? {} : { filter }),
              ...(cursor === undefined ? {} : { cursor }),
            },
          },
        })
      ).data,
    `${tenant}|${filter ?? ''}`,
  );
  const toggle = (id: string) =>
    setOpen((shown) => {
      const next = new Set(shown);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="audit-page">
      <h1>Audit trail</h1>
      <AuditFilters criteria={criteria} onApply={setCriteria} />
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what="audit events" />}
      {!pages.loading && pages.error === undefined && pages.items.length === 0 && (
        <p role="status">No audit event matches.</p>
      )}
      {pages.items.length > 0 && (
        <table className="data-table audit-table">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">Request id</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((event) => {
              const expanded = open.has(event.id);
              const detailId = `audit-detail-${event.id}`;
              return (
                <Fragment key={event.id}>
                  <tr>
                    <td>
                      <time dateTime={event.at}>{formatInstant(Date.parse(event.at))}</time>
                    </td>
                    <td>{event.actor}</td>
                    <th scope="row">{event.action}</th>
                    <td>
                      {event.targetType} <code title={event.targetId}>{shortId(event.targetId)}</code>
                    </td>
                    <td>
                      {event.requestId ? (
                        <code title={event.requestId}>{shortId(event.requestId)}</code>
                      ) : (
                        <span className="hint">none ({event.source})</span>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-expanded={expanded}
                        aria-controls={detailId}
                        aria-label={`${expanded ? 'Hide' : 'Show'} changes of ${event.action} ${event.targetId}`}
                        onClick={() => toggle(event.id)}
                      >
                        {expanded ? 'Hide' : 'Show'}
                      </button>
                    </td>
                  </tr>
                  {expanded && (
                    <tr id={detailId} className="audit-detail">
                      <td colSpan={6}>
                        <dl className="facts">
                          <dt>Resource</dt>
                          <dd>
                            {event.targetType} <code>{event.targetId}</code>
                          </dd>
                          <dt>Request id</dt>
                          <dd>{event.requestId ? <code>{event.requestId}</code> : 'none'}</dd>
                          <dt>Through</dt>
                          <dd>
                            {event.source}
                            {event.credentialId && (
                              <>
                                , credential <code>{event.credentialId}</code>
                              </>
                            )}
                          </dd>
                          <dt>At</dt>
                          <dd>{event.at}</dd>
                        </dl>
                        <AuditDiff
                          before={event.before}
                          after={event.after}
                          caption={`What ${event.action} changed on ${event.targetType} ${event.targetId}`}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} label="Audit event pages" />
    </section>
  );
}
