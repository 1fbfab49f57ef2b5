import { formatInstant } from '../../lib/utc-time.js';
import type { AssignmentRow } from './assignment-rows.js';

const statusText = { active: 'Active', future: 'Future', ended: 'Ended' } as const;

/** The timeline's assignments as a table: the same rows, one line per assignment. */
export function AssignmentTable({
  rows,
  rowHeader,
  onSelect,
}: {
  rows: AssignmentRow[];
  rowHeader: string;
  onSelect: (assignmentId: string) => void;
}) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Assignments</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          <th scope="col">{rowHeader === 'User' ? 'Profile' : 'User'}</th>
          <th scope="col">Valid from</th>
          <th scope="col">Valid until</th>
          <th scope="col">Status</th>
          <th scope="col">Reach</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((row) =>
          row.bars.map((bar, index) => (
            <tr key={bar.assignment.id}>
              {index === 0 ? (
                <th scope="row" rowSpan={row.bars.length}>
                  {row.label}
                </th>
              ) : null}
              <td>{bar.text}</td>
              <td>{bar.window.from === null ? 'open start' : formatInstant(bar.window.from)}</td>
              <td>{bar.window.until === null ? 'open end' : formatInstant(bar.window.until)}</td>
              <td>
                <span className={`status-badge ${bar.status}`}>{statusText[bar.status]}</span>
              </td>
              <td>{bar.assignment.includeDescendants ? 'Tenant and below' : 'Tenant only'}</td>
              <td>
                <button
                  type="button"
                  data-bar-id={bar.assignment.id}
                  aria-label={`Details of ${bar.label}`}
                  onClick={() => onSelect(bar.assignment.id)}
                >
                  Details
                </button>
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
