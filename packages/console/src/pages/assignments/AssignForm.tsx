import { idempotencyKey } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import type { Found } from '../../components/EntitySearch.js';
import { ProfileSearch, UserSearch } from '../../components/UserAndProfileSearch.js';
import { textField } from '../../lib/form-fields.js';
import { fromInputValue, toApiInstant } from '../../lib/utc-time.js';
import { useSession } from '../../session.js';
import { assignmentLabel, windowOf, type Assignment } from './assignment-rows.js';

/**
 * Assigns a profile to a user in the acting tenant for a window (either end may stay open).
 * Assigning a profile the user already holds there moves that assignment's window.
 */
export function AssignForm({ onAssigned }: { onAssigned: (assignment: Assignment) => void }) {
  const { api, tenant } = useSession();
  const [user, setUser] = useState<Found | undefined>();
  const [profile, setProfile] = useState<Found | undefined>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!user || !profile) return;
    const form = new FormData(event.currentTarget);
    const from = fromInputValue(textField(form, 'validFrom'));
    const until = fromInputValue(textField(form, 'validUntil'));
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const { data } = await api.post('/v1/assignments', {
        body: {
          userId: user.id,
          profileId: profile.id,
          scopeTenantId: tenant,
          includeDescendants: form.get('includeDescendants') === 'on',
          validFrom: from === undefined ? null : toApiInstant(from),
          validUntil: until === undefined ? null : toApiInstant(until),
        },
        headers: idempotencyKey(),
      });
      setDone(`Assigned: ${assignmentLabel(profile.name, user.name, windowOf(data))}.`);
      onAssigned(data);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Assign a profile</h2>
      <form onSubmit={(event) => void submit(event)} className="stacked-form">
        <UserSearch label="User to assign" picked={user} onPick={setUser} />
        <ProfileSearch label="Profile to assign" picked={profile} onPick={setProfile} />
        <label>
          Valid from (UTC, empty: open start)
          <input name="validFrom" type="datetime-local" />
        </label>
        <label>
          Valid until (UTC, empty: open end)
          <input name="validUntil" type="datetime-local" />
        </label>
        <label className="inline">
          <input name="includeDescendants" type="checkbox" /> Also in the tenants below this one
        </label>
        <ErrorMessage error={error} />
        {done && <p role="status">{done}</p>}
        <button type="submit" disabled={busy || !user || !profile}>
          Assign
        </button>
        {(!user || !profile) && <p className="hint">Pick a user and a profile to assign.</p>}
      </form>
    </section>
  );
}
