import type { Migration } from 'kysely';
import * as initial from './20261124T150000-initial.js';
import * as credentialsAudit from './20261124T190000-credentials-audit.js';
import * as hotPathIndexes from './20261125T190000-hot-path-indexes.js';
import * as userDisplayName from './20261125T200000-user-display-name.js';
import * as attemptCounts from './20261201T200000-attempt-counts.js';
import * as rotatedRefreshTokens from './20261201T210000-rotated-refresh-tokens.js';
import * as userTimeIndexes from './20261202T000000-user-time-indexes.js';
import * as sessionClients from './20261202T100000-session-clients.js';
import * as profileCheckout from './20261202T110000-profile-checkout.js';
import * as catalog from './20261202T120000-catalog.js';
import * as checkouts from './20261202T130000-checkouts.js';
import * as roleCatalog from './20261202T150000-role-catalog.js';
import * as assumedProfiles from './20261202T160000-assumed-profiles.js';
import * as usedSignatures from './20261202T170000-used-signatures.js';
import * as directories from './20261203T090000-directories.js';

/**
 * Every migration, by timestamped name, in order. A landed migration is never edited:
 * a change to the schema is a new entry at the end.
 */
export const migrations: Record<string, Migration> = {
  '20261124T150000-initial': initial,
  '20261124T190000-credentials-audit': credentialsAudit,
  '20261125T190000-hot-path-indexes': hotPathIndexes,
  '20261125T200000-user-display-name': userDisplayName,
  '20261201T200000-attempt-counts': attemptCounts,
  '20261201T210000-rotated-refresh-tokens': rotatedRefreshTokens,
  '20261202T000000-user-time-indexes': userTimeIndexes,
  '20261202T100000-session-clients': sessionClients,
  '20261202T110000-profile-checkout': profileCheckout,
  '20261202T120000-catalog': catalog,
  '20261202T130000-checkouts': checkouts,
  '20261202T150000-role-catalog': roleCatalog,
  '20261202T160000-assumed-profiles': assumedProfiles,
  '20261202T170000-used-signatures': usedSignatures,
  '20261203T090000-directories': directories,
};
