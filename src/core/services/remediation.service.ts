import * as groupRows from '../../store/repositories/group.repository.js';
import { recordAudits } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { connectDirectory, type LdapConnection } from '../directory/ldap-connection.js';
import type { AccountCompliance } from '../model/compliance.js';
import type { Directory } from '../model/directory.js';
import type { AccountRemediation, RemediationChange, RemediationResult } from '../model/remediation.js';
import type { Group } from '../model/user.js';
import { inTransaction } from '../transaction.js';
import { tenantCompliance } from './compliance.service.js';
import { syncDirectory } from './directory-sync.service.js';
import { bindPasswordOf, getDirectory, type SecretBox } from './directory.service.js';
import { everyRow } from './page.js';

export interface RemediationRequest {
  /** Default true: only say what would change. */
  dryRun?: boolean | undefined;
  tenant?: string | undefined;
  profileId?: string | undefined;
  /** Only these accounts (ids); none: every non-compliant account. */
  userIds?: readonly string[] | undefined;
}

/** The LDAP changes that make one account compliant, and what no change can fix. */
function planFor(
  account: AccountCompliance,
  directory: Directory | undefined,
  groupsByName: Map<string, Group>,
): Pick<AccountRemediation, 'changes' | 'unresolved'> {
  const { user } = account;
  const dn = user.directory.fqdn;
  if (!directory || dn === null) {
    return { changes: [], unresolved: ['the account is not synced from a directory: change it by hand'] };
  }
  const changes: RemediationChange[] = [];
  const unresolved: string[] = [];
  for (const missing of account.missingGroups) {
    const group = groupsByName.get(`${directory.id}\u0000${missing.name.toLowerCase()}`);
    if (!group?.fqdn) {
      unresolved.push(`group "${missing.name}" is not in directory "${directory.name}"`);
      continue;
    }
    changes.push({
      kind: 'add-to-group',
      name: missing.name,
      value: null,
      ldap: { dn: group.fqdn, operation: 'add', attribute: directory.attributeMap.groupMember, values: [dn] },
    });
  }
  const wanted = new Map<string, string[]>();
  for (const difference of account.differentAttributes) {
    const values = wanted.get(difference.name.toLowerCase()) ?? [];
    values.push(difference.desired);
    wanted.set(difference.name.toLowerCase(), values);
  }
  for (const difference of account.differentAttributes) {
    const values = wanted.get(difference.name.toLowerCase())!;
    if (values.length > 1) {
      if (values[0] === difference.desired)
        unresolved.push(
          `profiles want ${difference.name} to be each of ${values.map((v) => `"${v}"`).join(', ')}`,
        );
      continue;
    }
    changes.push({
      kind: 'set-attribute',
      name: difference.name,
      value: difference.desired,
      ldap: { dn, operation: 'replace', attribute: difference.name, values: [difference.desired] },
    });
  }
  return { changes, unresolved };
}

/** Applies one account's changes; the first the directory refuses fails the account. */
async function applyTo(connection: LdapConnection, remediation: AccountRemediation): Promise<void> {
  for (const { ldap } of remediation.changes) {
    await connection.modify(ldap.dn, [
      { operation: ldap.operation, attribute: ldap.attribute, values: ldap.values },
    ]);
  }
}

/**
 * What it takes to make the tenant's non-compliant accounts compliant in their directories: add
 * the account to each missing group, set each differing attribute. A dry run (the default) only
 * says it; otherwise each account's changes are made with LDAP modify operations (on directories
 * configured writable), each account on its own: one the directory refuses is reported failed and
 * the others still apply. The touched directories are synced again, and each applied account's
 * changes are in the audit trail.
 */
export async function remediate(
  ctx: CoreContext,
  acting: ActingTenant,
  box: SecretBox,
  request: RemediationRequest,
): Promise<RemediationResult> {
  const dryRun = request.dryRun ?? true;
  const report = await tenantCompliance(ctx, acting, {
    tenant: request.tenant,
    profileId: request.profileId,
  });
  const tenant: ActingTenant = { id: report.tenant.id, path: report.tenant.path };
  const only = request.userIds === undefined ? undefined : new Set(request.userIds);
  const accounts = report.accounts.filter(
    (a) => !a.compliant && !a.unassigned && (only === undefined || only.has(a.user.id)),
  );

  const directories = new Map<string, Directory>();
  for (const id of new Set(accounts.flatMap((a) => a.user.directory.directoryId ?? []))) {
    directories.set(id, await getDirectory(ctx, tenant, id));
  }
  const groups = await everyRow(
    (cursor) => groupRows.listGroups(ctx.db, report.tenant.id, { cursor, limit: 500, sort: 'name' }),
    1_000_000,
  );
  const groupsByName = new Map(
    groups
      .filter((g) => g.directoryId !== null && g.vanishedAt === null)
      .map((g) => [`${g.directoryId}\u0000${g.name.toLowerCase()}`, g]),
  );

  const planned: AccountRemediation[] = accounts.map((account) => {
    const directoryId = account.user.directory.directoryId;
    return {
      userId: account.user.id,
      username: account.user.username,
      directoryId,
      status: 'planned',
      ...planFor(account, directoryId === null ? undefined : directories.get(directoryId), groupsByName),
      error: null,
    };
  });
  if (dryRun) return { dryRun, accounts: planned, resynced: [] };

  const touched = new Set<string>();
  for (const directory of directories.values()) {
    const mine = planned.filter((p) => p.directoryId === directory.id && p.changes.length > 0);
    if (mine.length === 0) continue;
    const refuse = (error: string) => mine.forEach((p) => Object.assign(p, { status: 'failed', error }));
    if (!directory.writable) {
      refuse(`directory "${directory.name}" is not writable: set writable to let remediation change it`);
      continue;
    }
    let connection: LdapConnection;
    try {
      connection = await connectDirectory(directory, await bindPasswordOf(ctx, box, directory));
    } catch (error) {
      refuse(error instanceof Error ? error.message : String(error));
      continue;
    }
    try {
      for (const remediation of mine) {
        try {
          await applyTo(connection, remediation);
          remediation.status = 'applied';
        } catch (error) {
          remediation.status = 'failed';
          remediation.error = error instanceof Error ? error.message : String(error);
        }
        touched.add(directory.id);
      }
    } finally {
      await connection.close();
    }
  }
  await inTransaction(ctx, (tx) =>
    recordAudits(
      tx,
      tenant,
      planned
        .filter((p) => p.status === 'applied' && p.changes.length > 0)
        .map((p) => ({
          action: 'user.remediate',
          targetType: 'user',
          targetId: p.userId,
          after: { directoryId: p.directoryId, changes: p.changes },
        })),
    ),
  );
  const resynced: string[] = [];
  for (const id of touched) {
    await syncDirectory(ctx, tenant, box, id);
    resynced.push(id);
  }
  return { dryRun, accounts: planned, resynced };
}
