import type { FormEvent } from 'react';
import { textField } from '../../lib/form-fields.js';
import { fromInputValue, toInputValue } from '../../lib/utc-time.js';
import { noCriteria, type AuditCriteria } from './audit-filter.js';

/** The audit trail's filters, applied together when the form is sent. */
export function AuditFilters({
  criteria,
  onApply,
}: {
  criteria: AuditCriteria;
  onApply: (criteria: AuditCriteria) => void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      actor: textField(form, 'actor'),
      action: textField(form, 'action'),
      targetType: textField(form, 'targetType'),
      targetId: textField(form, 'targetId'),
      requestId: textField(form, 'requestId'),
      from: fromInputValue(textField(form, 'from')),
      until: fromInputValue(textField(form, 'until')),
    });
  };
  const text = (name: keyof AuditCriteria, label: string, placeholder: string) => (
    <label className="field">
      {label}
      <input name={name} defaultValue={String(criteria[name] ?? '')} placeholder={placeholder} />
    </label>
  );
  return (
    // Remounted when the criteria change elsewhere (Clear), so the fields show them.
    <form
      key={JSON.stringify(criteria)}
      className="audit-filters"
      role="search"
      aria-label="Audit events"
      onSubmit={submit}
    >
      {text('actor', 'Actor', 'user:ada.lovelace')}
      {text('action', 'Action starts with', 'assignment.')}
      {text('targetType', 'Resource type', 'assignment')}
      {text('targetId', 'Resource id', '')}
      {text('requestId', 'Request id', '')}
      <label className="field">
        From (UTC)
        <input
          name="from"
          type="datetime-local"
          defaultValue={criteria.from === undefined ? '' : toInputValue(criteria.from)}
        />
      </label>
      <label className="field">
        Until (UTC)
        <input
          name="until"
          type="datetime-local"
          defaultValue={criteria.until === undefined ? '' : toInputValue(criteria.until)}
        />
      </label>
      <div className="filter-buttons">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={() => onApply(noCriteria)}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
