import { useId, useState } from 'react';
import { describeValue, diffFields, type FieldDiff } from './audit-diff.js';

const kindText: Record<FieldDiff['kind'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged',
};

/**
 * An audit event's target before and after the write, field by field: added, removed and
 * changed fields marked (in words, and with <del>/<ins>), unchanged ones on request.
 */
export function AuditDiff({ before, after, caption }: { before: unknown; after: unknown; caption: string }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const toggleId = useId();
  const diffs = diffFields(before, after);
  const unchanged = diffs.filter((d) => d.kind === 'unchanged').length;
  const shown = showUnchanged ? diffs : diffs.filter((d) => d.kind !== 'unchanged');
  return (
    <div className="audit-diff">
      {unchanged > 0 && (
        <label htmlFor={toggleId} className="inline">
          <input
            id={toggleId}
            type="checkbox"
            checked={showUnchanged}
            onChange={(event) => setShowUnchanged(event.target.checked)}
          />{' '}
          Show the {unchanged} unchanged field{unchanged === 1 ? '' : 's'}
        </label>
      )}
      {shown.length === 0 ? (
        <p>No field changed.</p>
      ) : (
        <table className="data-table diff-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Change</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((diff) => (
              <tr key={diff.path} className={`diff-${diff.kind}`}>
                <th scope="row">
                  <code>{diff.path}</code>
                </th>
                <td>{kindText[diff.kind]}</td>
                <td>
                  {diff.kind === 'changed' || diff.kind === 'removed' ? (
                    <del>{describeValue(diff.path, diff.before)}</del>
                  ) : (
                    describeValue(diff.path, diff.before)
                  )}
                </td>
                <td>
                  {diff.kind === 'changed' || diff.kind === 'added' ? (
                    <ins>{describeValue(diff.path, diff.after)}</ins>
                  ) : (
                    describeValue(diff.path, diff.after)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
