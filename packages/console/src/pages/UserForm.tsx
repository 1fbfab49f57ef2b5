import type { Schema } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { textField } from '../lib/form-fields.js';

/** The fields a person types for a user; an empty one is sent as null (not set). */
const textFields = [
  ['username', 'Username', 'username'],
  ['displayName', 'Display name', 'name'],
  ['email', 'Email', 'email'],
  ['givenName', 'Given name', 'given-name'],
  ['familyName', 'Family name', 'family-name'],
  ['nickname', 'Nickname', 'nickname'],
  ['employeeId', 'Employee id', 'off'],
  ['role', 'Role (free text)', 'organization-title'],
  ['locale', 'Locale (e.g. en-US)', 'off'],
] as const;

export type UserFields = Record<(typeof textFields)[number][0], string | null>;

/** The form to create a user or change one; `onSave` sends it and throws what the API answered. */
export function UserForm({
  user,
  submitLabel,
  onSave,
  onCancel,
  onReload,
}: {
  user?: Schema<'User'>;
  submitLabel: string;
  onSave: (fields: UserFields) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries(
      textFields.map(([name]) => {
        const value = textField(form, name);
        return [name, value === '' ? null : value];
      }),
    ) as UserFields;
    setBusy(true);
    setError(undefined);
    try {
      await onSave(fields);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="edit-form" onSubmit={(event) => void submit(event)}>
      {textFields.map(([name, label, autoComplete]) => (
        <label key={name}>
          {label}
          <input
            name={name}
            type={name === 'email' ? 'email' : 'text'}
            required={name === 'username'}
            defaultValue={user?.[name] ?? ''}
            autoComplete={autoComplete}
          />
        </label>
      ))}
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
