import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { AssignmentFacts } from '../../core/services/assignment-report.service.js';
import type { ProfileAudience } from '../../core/model/profile.js';
import type { Instant } from '../../core/model/time.js';
import type { User } from '../../core/model/user.js';
import { formatEnd, formatStart } from './epoch.js';

/** The content type Visier's specification gives its XLSX reports (not the OOXML one). */
export const XLSX_CONTENT_TYPE = 'application/vnd.ms-excel';

export const REPORT_COLUMNS = [
  'User ID',
  'Username',
  'Display Name',
  'Profile ID',
  'Profile Name',
  'Profile Audience',
  'Tenant Code',
  'For All Children',
  'Validity Start Time',
  'Validity End Time',
  'Validity Start',
  'Validity End',
] as const;

/** Visier's names for the two kinds of profile. */
const audienceName: Record<ProfileAudience, string> = {
  tenant: 'tenant',
  'accessible-tenants': 'accessible-tenant',
};

/** A user's name as people read it: given and family name, else the nickname; empty when unknown. */
const displayName = (user: User): string =>
  [user.givenName, user.familyName].filter(Boolean).join(' ') || (user.nickname ?? '');

const text = (value: string): Cell => ({ value, type: String });
/** A readable date for a bound; an open end has none (its epoch column says Long.MIN/MAX). */
const date = (at: Instant | null): Cell =>
  at === null ? null : { value: new Date(at), type: Date, format: 'yyyy-mm-dd hh:mm:ss' };

const byUserThenProfile = (a: AssignmentFacts, b: AssignmentFacts) =>
  a.user.username.localeCompare(b.user.username) ||
  a.profile.name.localeCompare(b.profile.name) ||
  a.scopeTenantCode.localeCompare(b.scopeTenantCode);

/**
 * One row per assignment. Validity bounds are written twice: as Visier's epoch strings (text,
 * since Long.MIN/MAX do not fit a spreadsheet number) and as dates a reader can sort and filter.
 */
export function profileAssignmentRows(assignments: readonly AssignmentFacts[]): SheetData {
  const header = REPORT_COLUMNS.map((title) => ({ value: title, type: String, fontWeight: 'bold' as const }));
  const rows = [...assignments]
    .sort(byUserThenProfile)
    .map(({ assignment, profile, user, scopeTenantCode }) => [
      text(user.id),
      text(user.username),
      text(displayName(user)),
      text(profile.id),
      text(profile.name),
      text(audienceName[profile.audience]),
      text(scopeTenantCode),
      { value: assignment.includeDescendants, type: Boolean },
      text(formatStart(assignment.validFrom)),
      text(formatEnd(assignment.validUntil)),
      date(assignment.validFrom),
      date(assignment.validUntil),
    ]);
  return [header, ...rows];
}

/** The workbook of a tenant's profile assignments. */
export function profileAssignmentsWorkbook(assignments: readonly AssignmentFacts[]): Promise<Buffer> {
  return writeXlsxFile(profileAssignmentRows(assignments), {
    sheet: 'Profile Assignments',
    stickyRowsCount: 1,
  }).toBuffer();
}

/** A file name for the download; the tenant code is reduced to characters safe in any header. */
export const reportFileName = (tenantCode: string): string =>
  `profile-assignments-${tenantCode.replace(/[^A-Za-z0-9._-]/g, '_')}.xlsx`;
