import type { Schema } from '@profiled/sdk';
import { formatInstant, instantMs } from '../../lib/utc-time.js';
import { windowStatus, type ValidWindow, type WindowStatus } from './timeline-geometry.js';

export type Assignment = Schema<'Assignment'>;
export type RowsBy = 'user' | 'profile';

/** One bar of the timeline: an assignment with the names it is shown by. */
export interface AssignmentBar {
  assignment: Assignment;
  window: ValidWindow;
  status: WindowStatus;
  /** The text on the bar: the profile in a user's row, the user in a profile's row. */
  text: string;
  /** What a screen reader says: "PROFILE for USER from X until Y". */
  label: string;
}

export interface AssignmentRow {
  /** The user's or profile's id. */
  key: string;
  label: string;
  bars: AssignmentBar[];
}

export const windowOf = (a: Pick<Assignment, 'validFrom' | 'validUntil'>): ValidWindow => ({
  from: instantMs(a.validFrom),
  until: instantMs(a.validUntil),
});

/** "PARTNER_ADMIN for ada.lovelace from 2026-12-09 20:23 UTC until open end". */
export function assignmentLabel(profile: string, user: string, window: ValidWindow): string {
  const from = window.from === null ? 'open start' : formatInstant(window.from);
  const until = window.until === null ? 'open end' : formatInstant(window.until);
  return `${profile} for ${user} from ${from} until ${until}`;
}

/**
 * The timeline's rows: one per user or per profile, in the order of their names, each with its
 * assignments by start (an open start first).
 */
export function assignmentRows(
  assignments: readonly Assignment[],
  by: RowsBy,
  userName: (id: string) => string,
  profileName: (id: string) => string,
  now: number,
): AssignmentRow[] {
  const rows = new Map<string, AssignmentRow>();
  for (const assignment of assignments) {
    const key = by === 'user' ? assignment.userId : assignment.profileId;
    let row = rows.get(key);
    if (!row) {
      row = { key, label: by === 'user' ? userName(key) : profileName(key), bars: [] };
      rows.set(key, row);
    }
    const window = windowOf(assignment);
    const profile = profileName(assignment.profileId);
    const user = userName(assignment.userId);
    row.bars.push({
      assignment,
      window,
      status: windowStatus(window, now),
      text: by === 'user' ? profile : user,
      label: assignmentLabel(profile, user, window),
    });
  }
  const ordered = [...rows.values()].sort((a, b) => a.label.localeCompare(b.label));
  for (const row of ordered)
    row.bars.sort((a, b) => (a.window.from ?? -Infinity) - (b.window.from ?? -Infinity));
  return ordered;
}
