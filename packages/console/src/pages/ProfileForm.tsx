import type { Schema } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { textField } from '../lib/form-fields.js';
import { lines, type ProfileCreate } from '../profile-input.js';
import { CapabilityGrid, type Grant } from './CapabilityGrid.js';

/** What the form sets; the rest of a profile (permissions, policies, ...) is kept as it is. */
export type ProfileFields = Required<
  Pick<
    ProfileCreate,
    | 'name'
    | 'description'
    | 'enabled'
    | 'audience'
    | 'initials'
    | 'capabilities'
    | 'additionalCapabilities'
    | 'roles'
    | 'sessionDurationSeconds'
  >
>;

/** The form to create a profile or change one; `onSave` sends it and throws what the API answered. */
export function ProfileForm({
  profile,
  catalog,
  submitLabel,
  onSave,
  onCancel,
  onReload,
}: {
  profile?: Schema<'Profile'>;
  catalog: Schema<'Capability'>[];
  submitLabel: string;
  onSave: (fields: ProfileFields) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [grants, setGrants] = useState<Grant[]>(profile?.capabilities ?? []);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => textField(form, name);
    const minutes = text('sessionMinutes');
    setBusy(true);
    setError(undefined);
    try {
      await onSave({
        name: text('name'),
        description: text('description') || null,
        enabled: form.get('enabled') === 'on',
        audience: text('audience') === 'accessible-tenants' ? 'accessible-tenants' : 'tenant',
        initials: text('initials') || null,
        capabilities: grants,
        additionalCapabilities: lines(text('additionalCapabilities')),
        roles: lines(text('roles')),
        sessionDurationSeconds: minutes === '' ? null : Math.round(Number(minutes) * 60),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="edit-form" onSubmit={(event) => void submit(event)}>
      <label>
        Name
        <input name="name" required maxLength={200} defaultValue={profile?.name} />
      </label>
      <label>
        Description
        <textarea name="description" rows={2} maxLength={2000} defaultValue={profile?.description ?? ''} />
      </label>
      <label className="inline">
        <input name="enabled" type="checkbox" defaultChecked={profile?.enabled ?? true} /> Enabled
      </label>
      <label>
        Audience
        <select name="audience" defaultValue={profile?.audience ?? 'tenant'}>
          <option value="tenant">This tenant</option>
          <option value="accessible-tenants">Every tenant this one administers</option>
        </select>
      </label>
      <label>
        Initials (up to 4)
        <input name="initials" maxLength={4} defaultValue={profile?.initials ?? ''} />
      </label>
      <CapabilityGrid catalog={catalog} grants={grants} onChange={setGrants} />
      <label>
        Additional capabilities (one a line)
        <textarea
          name="additionalCapabilities"
          rows={3}
          defaultValue={profile?.additionalCapabilities.join('\n')}
        />
      </label>
      <label>
        Roles (one a line)
        <textarea name="roles" rows={3} defaultValue={profile?.roles.join('\n')} />
      </label>
      <label>
        Session duration in minutes (empty for the service default)
        <input
          name="sessionMinutes"
          type="number"
          min={1}
          max={525600}
          step="any"
          defaultValue={
            profile?.sessionDurationSeconds == null ? '' : String(profile.sessionDurationSeconds / 60)
          }
        />
      </label>
      <ErrorMessage error={error} onReload={onReload} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
