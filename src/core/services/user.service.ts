import type { ListParams, Page } from '../../store/query/list-page.js';
import * as users from '../../store/repositories/user.repository.js';
import { cachedRead } from '../cache/cached-read.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import type { User } from '../model/user.js';
import type { UserCreate, UserPatch } from '../schemas/user.schema.js';
import { audited } from '../audit/audit.service.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

function uniqueRules(username: string, email: string | null | undefined) {
  return [
    {
      marker: 'username',
      code: 'user.username_in_use' as const,
      message: `username "${username}" is already in use in this tenant`,
    },
    {
      marker: 'email',
      code: 'user.email_in_use' as const,
      message: `email "${email ?? ''}" is already in use in this tenant`,
    },
  ];
}

/** What getUser's answer is read from (an answer made of it depends on it too). */
export const userTables = ['users'] as const;

export async function getUser(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<User> {
  const user = await cachedRead(ctx, `user:${tenant.id}:${id}`, userTables, () =>
    users.findUser(ctx.db, tenant.id, id),
  );
  if (!user) throw new DomainError('user.not_found', `user ${id} does not exist`);
  return user;
}

export async function listUsers(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<User>> {
  return cachedRead(ctx, `users:${tenant.id}:${JSON.stringify(params)}`, ['users'], () =>
    users.listUsers(ctx.db, tenant.id, params),
  );
}

/** The tenant's user named by id or, failing that, by username. */
export async function getUserByIdOrUsername(
  ctx: CoreContext,
  tenant: ActingTenant,
  ref: string,
): Promise<User> {
  return (await users.findUserByUsername(ctx.db, tenant.id, ref)) ?? getUser(ctx, tenant, ref);
}

/**
 * The tenant's account named by its id or, failing that, by its directory entry's stable id
 * (entryUUID, objectGUID) or its SID: how directory tools (ARM) name accounts.
 */
export async function getUserByAccountRef(
  ctx: CoreContext,
  tenant: ActingTenant,
  ref: string,
): Promise<User> {
  const user =
    (await users.findUser(ctx.db, tenant.id, ref)) ??
    (await users.findUserByDirectoryRef(ctx.db, tenant.id, ref));
  if (!user) throw userNotFound(ref);
  return user;
}

/** The users among `ids` of the tenant, in the order asked; unknown ids (and repeats) are left out. */
export async function findUsersById(
  ctx: CoreContext,
  tenant: ActingTenant,
  ids: readonly string[],
): Promise<User[]> {
  const found = new Map((await users.findUsers(ctx.db, tenant.id, [...new Set(ids)])).map((u) => [u.id, u]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

/** A new user: what the input gives, and otherwise enabled, with nothing else known. */
export function newUser(id: string, tenantId: string, input: UserCreate, now: number): User {
  const d = input.directory;
  return {
    id,
    tenantId,
    username: input.username,
    displayName: input.displayName ?? null,
    employeeId: input.employeeId ?? null,
    email: input.email ?? null,
    givenName: input.givenName ?? null,
    familyName: input.familyName ?? null,
    nickname: input.nickname ?? null,
    role: input.role ?? null,
    locale: input.locale ?? null,
    enabled: input.enabled ?? true,
    directory: {
      provider: d?.provider ?? null,
      fqdn: d?.fqdn ?? null,
      sid: d?.sid ?? null,
      actualGroups: d?.actualGroups ?? [],
      actualAttributes: d?.actualAttributes ?? [],
      directoryId: null,
      externalId: null,
      vanishedAt: null,
    },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export async function createUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: UserCreate,
  id: string = newId(),
): Promise<User> {
  return audited(ctx, tenant, { type: 'user', id, verb: 'create' }, async (tx) => {
    await withUniqueRules(
      () => users.insertUser(tx.db, newUser(id, tenant.id, input, ctx.now())),
      uniqueRules(input.username, input.email),
    );
    return getUser(tx, tenant, id);
  });
}

export async function updateUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  patch: UserPatch,
  expectedVersion?: number,
): Promise<User> {
  const before = (tx: CoreContext) => getUser(tx, tenant, id);
  return audited(ctx, tenant, { type: 'user', id, verb: 'update', before }, async (tx) => {
    await writeAtVersion(
      `user ${id}`,
      () => getUser(tx, tenant, id),
      expectedVersion,
      (user, version) =>
        withUniqueRules(
          () => users.updateUser(tx.db, tenant.id, id, version, { ...patch, updatedAt: ctx.now() }),
          uniqueRules(patch.username ?? user.username, patch.email ?? user.email),
        ),
    );
    return getUser(tx, tenant, id);
  });
}

export async function deleteUser(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getUser(tx, tenant, id);
  await audited(ctx, tenant, { type: 'user', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `user ${id}`,
      () => getUser(tx, tenant, id),
      expectedVersion,
      (_user, version) => users.deleteUser(tx.db, tenant.id, id, version),
    );
  });
}

/** What a single read of an unknown user throws (getUser), as the failure of one item of many. */
export const userNotFound = (id: string) => new DomainError('user.not_found', `user ${id} does not exist`);
