import * as groupRows from '../../store/repositories/group.repository.js';
import * as directoryRows from '../../store/repositories/directory.repository.js';
import * as userRows from '../../store/repositories/user.repository.js';
import { recordAudit, recordAudits, type AuditedChange } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import {
  attributesToRead,
  snapshotOf,
  type DirectoryAccount,
  type DirectoryGroup,
  type DirectorySnapshot,
} from '../directory/directory-snapshot.js';
import { connectDirectory } from '../directory/ldap-connection.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { Directory, SyncReport } from '../model/directory.js';
import type { Group, User } from '../model/user.js';
import { inTransaction } from '../transaction.js';
import { bindPasswordOf, getDirectoryByIdOrName, type SecretBox } from './directory.service.js';
import { everyRow } from './page.js';
import { withUniqueRules } from './unique.js';
import { newUser } from './user.service.js';

/** Accounts (or groups) written per transaction. */
const BATCH = 500;
const MOST_ROWS = 1_000_000;

/** What a sync tells as it goes, for the CLI's progress line. */
export type SyncProgress = (step: string, done: number, total: number) => void;

/** Directories being synced by this process: a second sync of one waits for none, it is refused. */
const running = new Set<string>();

/** Reads the whole directory: every account and group entry, before anything is written. */
export async function readDirectory(directory: Directory, bindPassword: string): Promise<DirectorySnapshot> {
  const connection = await connectDirectory(directory, bindPassword);
  try {
    const wanted = attributesToRead(directory);
    const accounts = await connection.searchAll(directory.baseDn, directory.userFilter, wanted.accounts);
    const groups = await connection.searchAll(directory.baseDn, directory.groupFilter, wanted.groups);
    return snapshotOf(directory, accounts, groups);
  } finally {
    await connection.close();
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The user as the directory has it now: the account's fields and directory facts from the entry. */
function accountAsUser(directory: Directory, account: DirectoryAccount, base: User): User {
  return {
    ...base,
    username: account.username,
    email: account.email ?? base.email,
    displayName: account.displayName ?? base.displayName,
    givenName: account.givenName ?? base.givenName,
    familyName: account.familyName ?? base.familyName,
    directory: {
      provider: directory.provider,
      fqdn: account.dn,
      sid: account.sid,
      actualGroups: account.groups,
      actualAttributes: account.attributes,
      directoryId: directory.id,
      externalId: account.externalId,
      vanishedAt: null,
    },
  };
}

/** A user not yet written (version 0), for an entry new to profiled: the entry gives the rest. */
const blankUser = (tenantId: string, now: number): User => ({
  ...newUser(newId(), tenantId, { username: '' }, now),
  version: 0,
});

/** Another sync of the directory (in another process) made the same row first: this one stops. */
const raced = (what: string, write: () => Promise<void>) =>
  withUniqueRules(write, [
    {
      marker: '',
      code: 'directory.sync_in_progress',
      message: `${what} was written by another sync meanwhile: sync again`,
    },
  ]);

/** Writes a changed user at its version, with the audit change it makes; null: unchanged. */
async function writeUser(ctx: CoreContext, before: User, after: User): Promise<AuditedChange | null> {
  const { updatedAt: _a, version: _v, ...was } = before;
  const { updatedAt: _b, version: _w, ...now } = after;
  if (sameJson(was, now)) return null;
  const written = await userRows.updateUser(ctx.db, before.tenantId, before.id, before.version, {
    ...now,
    updatedAt: ctx.now(),
  });
  if (!written)
    throw new DomainError(
      'directory.sync_in_progress',
      `user ${before.username} changed during the sync: sync again`,
    );
  const updated = { ...after, updatedAt: ctx.now(), version: before.version + 1 };
  return { action: 'user.update', targetType: 'user', targetId: before.id, before, after: updated };
}

async function writeGroup(
  ctx: CoreContext,
  before: Group | undefined,
  after: Group,
): Promise<AuditedChange | null> {
  if (before === undefined) {
    const created = { ...after, version: 1 };
    await raced(`group ${created.name}`, () => groupRows.insertGroup(ctx.db, created));
    return { action: 'group.create', targetType: 'group', targetId: created.id, after: created };
  }
  const { updatedAt: _a, version: _v, ...was } = before;
  const { updatedAt: _b, version: _w, ...now } = after;
  if (
    sameJson(
      { ...was, memberIds: [...was.memberIds].sort() },
      { ...now, memberIds: [...now.memberIds].sort() },
    )
  )
    return null;
  const written = await groupRows.updateGroup(ctx.db, before.tenantId, before.id, before.version, {
    ...now,
    updatedAt: ctx.now(),
  });
  if (!written)
    throw new DomainError(
      'directory.sync_in_progress',
      `group ${before.name} changed during the sync: sync again`,
    );
  return {
    action: 'group.update',
    targetType: 'group',
    targetId: before.id,
    before,
    after: { ...after, version: before.version + 1 },
  };
}

/** Runs the writes a batch at a time, each batch with its audit events in one transaction. */
async function inBatches<T>(
  ctx: CoreContext,
  tenant: ActingTenant,
  items: readonly T[],
  write: (tx: CoreContext, item: T) => Promise<AuditedChange | null>,
  progress: (done: number) => void,
): Promise<AuditedChange[]> {
  const changes: AuditedChange[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    changes.push(
      ...(await inTransaction(ctx, async (tx) => {
        const made: AuditedChange[] = [];
        for (const item of batch) {
          const change = await write(tx, item);
          if (change) made.push(change);
        }
        await recordAudits(tx, tenant, made);
        return made;
      })),
    );
    progress(Math.min(i + BATCH, items.length));
  }
  return changes;
}

/**
 * Syncs a tenant's directory into profiled: reads every account and group (failing before any
 * write when the directory cannot be reached or refuses the bind), then writes accounts and groups
 * a batch per transaction. An account is matched by the directory's stable id, else by username
 * (an account kept by hand becomes synced); accounts gone from the directory are marked vanished,
 * not deleted, and unmarked when they come back. Every change is in the audit trail.
 */
export async function syncDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  box: SecretBox,
  directoryRef: string,
  progress: SyncProgress = () => {},
): Promise<SyncReport> {
  const directory = await getDirectoryByIdOrName(ctx, tenant, directoryRef);
  if (running.has(directory.id)) {
    throw new DomainError(
      'directory.sync_in_progress',
      `directory "${directory.name}" is being synced already`,
    );
  }
  running.add(directory.id);
  try {
    const startedAt = ctx.now();
    progress('reading the directory', 0, 0);
    const snapshot = await readDirectory(directory, await bindPasswordOf(ctx, box, directory));
    return await writeSnapshot(ctx, tenant, directory, snapshot, startedAt, progress);
  } finally {
    running.delete(directory.id);
  }
}

/** Writes what was read (see syncDirectory); exported for the demo data, which has no directory to read. */
export async function writeSnapshot(
  ctx: CoreContext,
  tenant: ActingTenant,
  directory: Directory,
  snapshot: DirectorySnapshot,
  startedAt: number,
  progress: SyncProgress = () => {},
): Promise<SyncReport> {
  const failures = [...snapshot.failures];
  const now = ctx.now();
  const users = await everyRow(
    (cursor) => userRows.listUsers(ctx.db, tenant.id, { cursor, limit: BATCH, sort: 'username' }),
    MOST_ROWS,
  );
  const byEntry = new Map(
    users.filter((u) => u.directory.directoryId === directory.id).map((u) => [u.directory.externalId, u]),
  );
  const byUsername = new Map(users.map((u) => [u.username.toLowerCase(), u]));
  const byEmail = new Map(users.filter((u) => u.email !== null).map((u) => [u.email!.toLowerCase(), u]));

  // Pair each entry with the user it updates (or none: a new one), refusing what would collide.
  const inSnapshot = new Set(snapshot.accounts.map((account) => account.externalId));
  const pairs: { before: User | undefined; after: User }[] = [];
  const seen = new Set<string>();
  for (const account of snapshot.accounts) {
    let before = byEntry.get(account.externalId);
    if (!before) {
      const named = byUsername.get(account.username.toLowerCase());
      if (named && named.directory.directoryId !== null && named.directory.directoryId !== directory.id) {
        failures.push({
          dn: account.dn,
          kind: 'account',
          reason: `username "${account.username}" is an account of another directory`,
        });
        continue;
      }
      // A username kept by hand becomes synced; one of this directory whose own entry is gone (the
      // entry was deleted and made again, with a new stable id) follows the new entry.
      const takeOver =
        named !== undefined &&
        (named.directory.directoryId === null ||
          (named.directory.externalId !== null && !inSnapshot.has(named.directory.externalId)));
      before = takeOver ? named : undefined;
      if (named && !before) {
        failures.push({
          dn: account.dn,
          kind: 'account',
          reason: `username "${account.username}" is another entry's account`,
        });
        continue;
      }
    }
    const after = accountAsUser(directory, account, before ?? blankUser(tenant.id, now));
    const renamedOnto = byUsername.get(after.username.toLowerCase());
    if (renamedOnto && renamedOnto.id !== after.id) {
      failures.push({
        dn: account.dn,
        kind: 'account',
        reason: `username "${after.username}" is another account's`,
      });
      continue;
    }
    const mailOwner = after.email === null ? undefined : byEmail.get(after.email.toLowerCase());
    if (mailOwner && mailOwner.id !== after.id) {
      failures.push({
        dn: account.dn,
        kind: 'account',
        reason: `email "${after.email}" is another account's`,
      });
      continue;
    }
    byUsername.set(after.username.toLowerCase(), after);
    if (after.email !== null) byEmail.set(after.email.toLowerCase(), after);
    seen.add(after.id);
    pairs.push({ before, after });
  }
  const gone = users.filter(
    (u) => u.directory.directoryId === directory.id && !seen.has(u.id) && u.directory.vanishedAt === null,
  );
  for (const user of gone)
    pairs.push({ before: user, after: { ...user, directory: { ...user.directory, vanishedAt: now } } });

  // New accounts go in one multi-row insert a batch; changed ones row by row, at their version.
  const fresh = pairs
    .filter((pair) => pair.before === undefined)
    .map((pair) => ({ ...pair.after, version: 1 }));
  const created: AuditedChange[] = [];
  for (let i = 0; i < fresh.length; i += BATCH) {
    const batch = fresh.slice(i, i + BATCH);
    const made = batch.map((user) => ({
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      after: user,
    }));
    await inTransaction(ctx, async (tx) => {
      await raced(`one of ${batch.length} new accounts`, () => userRows.insertUsers(tx.db, batch));
      await recordAudits(tx, tenant, made);
    });
    created.push(...made);
    progress('writing new accounts', i + batch.length, fresh.length);
  }
  const changed = pairs.filter((pair) => pair.before !== undefined);
  const userChanges = created.concat(
    await inBatches(
      ctx,
      tenant,
      changed,
      (tx, pair) => writeUser(tx, pair.before!, pair.after),
      (done) => progress('writing accounts', done, changed.length),
    ),
  );

  const userIdOf = new Map(pairs.map(({ after }) => [after.directory.externalId, after.id]));
  const groupChanges = await writeGroups(
    ctx,
    tenant,
    directory,
    snapshot.groups,
    userIdOf,
    failures,
    now,
    progress,
  );

  const vanishedUsers = userChanges.filter((c) => (c.after as User).directory.vanishedAt !== null).length;
  const vanishedGroups = groupChanges.filter((c) => (c.after as Group).vanishedAt !== null).length;
  const report: SyncReport = {
    startedAt,
    finishedAt: ctx.now(),
    accounts: {
      read: snapshot.accounts.length,
      created: userChanges.filter((c) => c.action === 'user.create').length,
      updated: userChanges.filter((c) => c.action === 'user.update').length - vanishedUsers,
      unchanged: pairs.length - gone.length - userChanges.length + vanishedUsers,
      vanished: vanishedUsers,
      failed: failures.filter((f) => f.kind === 'account').length,
    },
    groups: {
      read: snapshot.groups.length,
      created: groupChanges.filter((c) => c.action === 'group.create').length,
      updated: groupChanges.filter((c) => c.action === 'group.update').length - vanishedGroups,
      unchanged: 0,
      vanished: vanishedGroups,
    },
    failures,
  };
  report.groups.unchanged = report.groups.read - report.groups.created - report.groups.updated;
  await inTransaction(ctx, async (tx) => {
    const current = await directoryRows.findDirectory(tx.db, tenant.id, directory.id);
    if (!current) return;
    await directoryRows.updateDirectory(tx.db, tenant.id, directory.id, current.version, {
      lastSync: report,
    });
    await recordAudit(tx, tenant, {
      action: 'directory.sync',
      targetType: 'directory',
      targetId: directory.id,
      after: report,
    });
  });
  return report;
}

async function writeGroups(
  ctx: CoreContext,
  tenant: ActingTenant,
  directory: Directory,
  entries: readonly DirectoryGroup[],
  userIdOf: Map<string | null, string>,
  failures: SyncReport['failures'],
  now: number,
  progress: SyncProgress,
): Promise<AuditedChange[]> {
  const groups = await everyRow(
    (cursor) => groupRows.listGroups(ctx.db, tenant.id, { cursor, limit: BATCH, sort: 'name' }),
    MOST_ROWS,
  );
  const byEntry = new Map(groups.filter((g) => g.directoryId === directory.id).map((g) => [g.externalId, g]));
  const byName = new Map(groups.map((g) => [g.name.toLowerCase(), g]));
  const pairs: { before: Group | undefined; after: Group }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    let before = byEntry.get(entry.externalId);
    const named = byName.get(entry.name.toLowerCase());
    if (!before && named && named.directoryId === null) before = named;
    if (named && named.id !== before?.id) {
      failures.push({ dn: entry.dn, kind: 'group', reason: `group name "${entry.name}" is another group's` });
      continue;
    }
    const base: Group = before ?? {
      id: newId(),
      tenantId: tenant.id,
      name: entry.name,
      description: null,
      provider: null,
      sid: null,
      fqdn: null,
      directoryId: null,
      externalId: null,
      vanishedAt: null,
      memberIds: [],
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    const after: Group = {
      ...base,
      name: entry.name,
      description: entry.description ?? base.description,
      provider: directory.provider,
      sid: entry.sid,
      fqdn: entry.dn,
      directoryId: directory.id,
      externalId: entry.externalId,
      vanishedAt: null,
      memberIds: entry.memberIds.flatMap((id) => userIdOf.get(id) ?? []),
    };
    byName.set(after.name.toLowerCase(), after);
    seen.add(after.id);
    pairs.push({ before, after });
  }
  for (const group of groups) {
    if (group.directoryId === directory.id && !seen.has(group.id) && group.vanishedAt === null)
      pairs.push({ before: group, after: { ...group, vanishedAt: now, memberIds: [] } });
  }
  return inBatches(
    ctx,
    tenant,
    pairs,
    (tx, pair) => writeGroup(tx, pair.before, pair.after),
    (done) => progress('writing groups', done, pairs.length),
  );
}
