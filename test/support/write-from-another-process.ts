/**
 * Run as its own process by test/http/cache-across-processes.test.ts: opens the database at
 * argv[2] and makes one write through the core services, as another profiled process over the
 * same database would, then exits (0 once the write has committed).
 *
 *   node --import tsx write-from-another-process.ts <database url> <write> <json arguments>
 */
import { revokeCredential } from '../../src/auth/credential.service.js';
import type { ActingTenant, CoreContext } from '../../src/core/context.js';
import { deleteAssignment } from '../../src/core/services/assignment.service.js';
import { updateTenant } from '../../src/core/services/tenant.service.js';
import { updateUser } from '../../src/core/services/user.service.js';
import { openDatabase } from '../../src/store/database.js';

export interface OtherProcessWrite {
  /** The tenant the write acts from. */
  tenant: ActingTenant;
  id: string;
}

const writes = {
  'revoke-credential': (ctx: CoreContext, w: OtherProcessWrite) =>
    revokeCredential(ctx, w.tenant, 'oauth_client', w.id),
  'disable-user': (ctx: CoreContext, w: OtherProcessWrite) =>
    updateUser(ctx, w.tenant, w.id, { enabled: false }),
  'disable-tenant': (ctx: CoreContext, w: OtherProcessWrite) =>
    updateTenant(ctx, w.tenant, w.id, { enabled: false }),
  'revoke-assignment': (ctx: CoreContext, w: OtherProcessWrite) => deleteAssignment(ctx, w.tenant, w.id),
};
export type OtherProcessWriteKind = keyof typeof writes;

const [url, kind, json] = process.argv.slice(2);
const database = openDatabase({ url: url!, poolSize: 1 });
const ctx: CoreContext = {
  db: database.db,
  now: Date.now,
  actor: 'other-process',
  origin: { source: 'test', credentialId: null, userId: null, requestId: null },
};
try {
  await writes[kind as OtherProcessWriteKind](ctx, JSON.parse(json!) as OtherProcessWrite);
} finally {
  await database.close();
}
