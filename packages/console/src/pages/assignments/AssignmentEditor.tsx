import { ifMatch } from '@profiled/sdk';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Loading } from '../../components/Loading.js';
import { TenantName } from '../../components/TenantName.js';
import { textField } from '../../lib/form-fields.js';
import { formatInstant, fromInputValue, toApiInstant, toInputValue } from '../../lib/utc-time.js';
import { useCan, useSession } from '../../session.js';
import { assignmentLabel, windowOf, type Assignment } from './assignment-rows.js';
import { windowStatus } from './timeline-geometry.js';

/**
 * One assignment, read again with its ETag: its window and who made it; with `assignments:write`
 * a form to change the window and a revoke, both conditional on the version read (a 412 says
 * someone else changed it and offers to reload).
 */
export function AssignmentEditor({
  assignmentId,
  userName,
  profileName,
  now,
  onChanged,
  onClose,
}: {
  assignmentId: string;
  userName: (id: string) => string;
  profileName: (id: string) => string;
  now: number;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { api } = useSession();
  const canWrite = useCan('assignments:write');
  const [read, setRead] = useState<{ assignment: Assignment; etag: string | undefined } | undefined>();
  const [loadError, setLoadError] = useState<unknown>();
  const [writeError, setWriteError] = useState<unknown>();
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    setLoadError(undefined);
    setWriteError(undefined);
    try {
      const { data, etag } = await api.get('/v1/assignments/{id}', {
        params: { path: { id: assignmentId } },
      });
      setRead({ assignment: data, etag });
    } catch (caught) {
      setLoadError(caught);
    }
  }, [api, assignmentId]);
  useEffect(() => {
    setRead(undefined);
    setSaved(undefined);
    setConfirmRevoke(false);
    void load();
  }, [load]);
  // Choosing a bar moves the focus here, so a keyboard user lands on what they chose.
  const shownId = read?.assignment.id;
  useEffect(() => {
    if (shownId !== undefined) heading.current?.focus();
  }, [shownId]);

  if (loadError !== undefined)
    return (
      <section className="panel" aria-label="Assignment">
        <ErrorMessage error={loadError} />
      </section>
    );
  if (!read)
    return (
      <section className="panel" aria-label="Assignment">
        <Loading what="the assignment" />
      </section>
    );
  const { assignment, etag } = read;
  const window = windowOf(assignment);
  const label = assignmentLabel(profileName(assignment.profileId), userName(assignment.userId), window);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = fromInputValue(textField(form, 'validFrom'));
    const until = fromInputValue(textField(form, 'validUntil'));
    setWriteError(undefined);
    setSaved(undefined);
    try {
      const { data, etag: next } = await api.patch('/v1/assignments/{id}', {
        params: { path: { id: assignment.id } },
        body: {
          validFrom: from === undefined ? null : toApiInstant(from),
          validUntil: until === undefined ? null : toApiInstant(until),
          includeDescendants: form.get('includeDescendants') === 'on',
        },
        headers: ifMatch(etag),
      });
      setRead({ assignment: data, etag: next });
      setSaved('The window was saved.');
      onChanged();
    } catch (caught) {
      setWriteError(caught);
    }
  };
  const revoke = async () => {
    setWriteError(undefined);
    try {
      await api.delete('/v1/assignments/{id}', {
        params: { path: { id: assignment.id } },
        headers: ifMatch(etag),
      });
      onChanged();
      onClose();
    } catch (caught) {
      setConfirmRevoke(false);
      setWriteError(caught);
    }
  };

  return (
    <section className="panel assignment-editor" aria-labelledby="assignment-heading">
      <h2 id="assignment-heading" ref={heading} tabIndex={-1}>
        {label}
      </h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          {
            { active: 'Active now', future: 'Starts in the future', ended: 'Ended' }[
              windowStatus(window, now)
            ]
          }
        </dd>
        <dt>Scope</dt>
        <dd>
          <TenantName id={assignment.scopeTenantId} />
          {assignment.includeDescendants ? ' and the tenants below it' : ' only'}
        </dd>
        <dt>Created</dt>
        <dd>
          {formatInstant(Date.parse(assignment.createdAt))} by {assignment.createdBy}
        </dd>
        <dt>Changed</dt>
        <dd>
          {formatInstant(Date.parse(assignment.updatedAt))} by {assignment.updatedBy} (version{' '}
          {assignment.version})
        </dd>
      </dl>
      <ErrorMessage error={writeError} what="assignment" onReload={() => void load()} />
      {saved && <p role="status">{saved}</p>}
      {canWrite && (
        <>
          <form
            key={`${assignment.id}-${assignment.version}`}
            className="stacked-form"
            onSubmit={(event) => void save(event)}
          >
            <h3>Change the window</h3>
            <label>
              Valid from (UTC, empty: open start)
              <input
                name="validFrom"
                type="datetime-local"
                defaultValue={window.from === null ? '' : toInputValue(window.from)}
              />
            </label>
            <label>
              Valid until (UTC, empty: open end)
              <input
                name="validUntil"
                type="datetime-local"
                defaultValue={window.until === null ? '' : toInputValue(window.until)}
              />
            </label>
            <label className="inline">
              <input
                name="includeDescendants"
                type="checkbox"
                defaultChecked={assignment.includeDescendants}
              />{' '}
              Also in the tenants below this one
            </label>
            <button type="submit">Save window</button>
          </form>
          <div className="danger-zone">
            {confirmRevoke ? (
              <p role="group" aria-label="Confirm revoke">
                Revoke {label}? The user loses this profile at once.{' '}
                <button type="button" className="danger" onClick={() => void revoke()}>
                  Yes, revoke
                </button>{' '}
                <button type="button" onClick={() => setConfirmRevoke(false)}>
                  Cancel
                </button>
              </p>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirmRevoke(true)}>
                Revoke
              </button>
            )}
          </div>
        </>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
