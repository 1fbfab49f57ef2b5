import * as directories from '../../store/repositories/directory.repository.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { audited } from '../audit/audit.service.js';
import type { ActingTenant, CoreContext } from '../context.js';
import { DomainError } from '../errors.js';
import { newId } from '../ids.js';
import { defaultAttributeMap, type Directory } from '../model/directory.js';
import type { DirectoryCreate, DirectoryPatch } from '../schemas/directory.schema.js';
import { everyRow } from './page.js';
import { getPlacedTenant, wholeInstallation } from './tenant.service.js';
import { withUniqueRules } from './unique.js';
import { writeAtVersion } from './versioning.js';

/**
 * Seals and opens recoverable secrets (the directories' bind passwords). The auth layer's sealer
 * is one: core asks for the capability, not the key.
 */
export interface SecretBox {
  seal(plain: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

/**
 * What a directory made without its bind password keeps in its place (a sealed password is
 * never empty): it binds once the password is set.
 */
const NO_BIND_PASSWORD = '';

/** A sealed bind password opens only as the password of this directory. */
const sealedFor = (directoryId: string) => `directory:${directoryId}:bind-password`;

const nameInUse = (name: string) => [
  {
    marker: 'name',
    code: 'directory.name_in_use' as const,
    message: `a directory named "${name}" already exists in this tenant`,
  },
];

export const directoryNotFound = (id: string) =>
  new DomainError('directory.not_found', `directory ${id} does not exist`);

export async function getDirectory(ctx: CoreContext, tenant: ActingTenant, id: string): Promise<Directory> {
  const directory = await directories.findDirectory(ctx.db, tenant.id, id);
  if (!directory) throw directoryNotFound(id);
  return directory;
}

/** The tenant's directory named by id or, failing that, by name. */
export async function getDirectoryByIdOrName(
  ctx: CoreContext,
  tenant: ActingTenant,
  ref: string,
): Promise<Directory> {
  return (await directories.findDirectoryByName(ctx.db, tenant.id, ref)) ?? getDirectory(ctx, tenant, ref);
}

export function listDirectories(
  ctx: CoreContext,
  tenant: ActingTenant,
  params: ListParams,
): Promise<Page<Directory>> {
  return directories.listDirectories(ctx.db, tenant.id, params);
}

/** Every directory of the installation, with its tenant's place in the tree: for the periodic sync. */
export async function everyDirectory(
  ctx: CoreContext,
): Promise<{ directory: Directory; tenant: ActingTenant }[]> {
  const all = await directories.everyDirectory(ctx.db);
  return Promise.all(
    all.map(async (directory) => {
      const tenant = await getPlacedTenant(ctx, wholeInstallation, directory.tenantId);
      return { directory, tenant: { id: tenant.id, path: tenant.path } };
    }),
  );
}

/** The bind password of the directory, opened. */
export async function bindPasswordOf(
  ctx: CoreContext,
  box: SecretBox,
  directory: Directory,
): Promise<string> {
  const sealed = await directories.sealedBindPassword(ctx.db, directory.tenantId, directory.id);
  if (sealed === undefined) throw directoryNotFound(directory.id);
  if (sealed === NO_BIND_PASSWORD) {
    throw new DomainError(
      'directory.bind_failed',
      `directory "${directory.name}" has no bind password (it came from an import): set it with PATCH /v1/directories/${directory.id} {"bindPassword": ...}`,
    );
  }
  return box.open(sealed, sealedFor(directory.id));
}

/**
 * The LDAP attributes the tenant's directories read for their accounts: what profiles may ask of
 * an account (ARM's available attributes), in the order configured, each once.
 */
export async function directoryAttributeNames(ctx: CoreContext, tenant: ActingTenant): Promise<string[]> {
  const all = await everyRow((cursor) => listDirectories(ctx, tenant, { cursor, limit: 100, sort: 'name' }));
  const seen = new Map<string, string>();
  for (const name of all.flatMap((directory) => directory.attributes)) {
    if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

export async function createDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  box: SecretBox,
  input: DirectoryCreate,
  id: string = newId(),
): Promise<Directory> {
  const { bindPassword, ...settings } = input;
  return insertNewDirectory(ctx, tenant, settings, box.seal(bindPassword, sealedFor(id)), id);
}

/**
 * A directory without its bind password, as an import makes it (the password, sealed with this
 * installation's master key, never leaves it): it cannot bind until the password is set.
 */
export async function createDirectoryWithoutPassword(
  ctx: CoreContext,
  tenant: ActingTenant,
  settings: DirectorySettings,
  id: string = newId(),
): Promise<Directory> {
  return insertNewDirectory(ctx, tenant, settings, NO_BIND_PASSWORD, id);
}

/** What a directory is configured with, but its bind password. */
export type DirectorySettings = Omit<DirectoryCreate, 'bindPassword'>;

async function insertNewDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  input: DirectorySettings,
  sealedPassword: string,
  id: string,
): Promise<Directory> {
  return audited(ctx, tenant, { type: 'directory', id, verb: 'create' }, async (tx) => {
    const now = ctx.now();
    const directory: Directory = {
      id,
      tenantId: tenant.id,
      name: input.name,
      provider: input.provider ?? 'OpenLDAP',
      url: input.url,
      startTls: input.startTls ?? false,
      caCertificate: input.caCertificate ?? null,
      tlsVerify: input.tlsVerify ?? true,
      bindDn: input.bindDn,
      baseDn: input.baseDn,
      userFilter: input.userFilter ?? '(objectClass=inetOrgPerson)',
      groupFilter: input.groupFilter ?? '(objectClass=groupOfNames)',
      attributes: input.attributes ?? [],
      attributeMap: { ...defaultAttributeMap, ...input.attributeMap },
      writable: input.writable ?? false,
      lastSync: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await withUniqueRules(
      () => directories.insertDirectory(tx.db, directory, sealedPassword),
      nameInUse(input.name),
    );
    return getDirectory(tx, tenant, id);
  });
}

export async function updateDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  box: SecretBox,
  id: string,
  patch: DirectoryPatch,
  expectedVersion?: number,
): Promise<Directory> {
  const { bindPassword, ...settings } = patch;
  const sealed = bindPassword === undefined ? undefined : box.seal(bindPassword, sealedFor(id));
  return changeDirectory(ctx, tenant, id, settings, sealed, expectedVersion);
}

/** Changes a directory's settings, leaving its bind password as it is (what an import changes). */
export async function updateDirectorySettings(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  settings: Omit<DirectoryPatch, 'bindPassword'>,
): Promise<Directory> {
  return changeDirectory(ctx, tenant, id, settings, undefined, undefined);
}

async function changeDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  settings: Omit<DirectoryPatch, 'bindPassword'>,
  sealedPassword: string | undefined,
  expectedVersion: number | undefined,
): Promise<Directory> {
  const before = (tx: CoreContext) => getDirectory(tx, tenant, id);
  return audited(ctx, tenant, { type: 'directory', id, verb: 'update', before }, async (tx) => {
    const { attributeMap, ...fields } = settings;
    await writeAtVersion(
      `directory ${id}`,
      () => getDirectory(tx, tenant, id),
      expectedVersion,
      (current, version) =>
        withUniqueRules(
          () =>
            directories.updateDirectory(
              tx.db,
              tenant.id,
              id,
              version,
              {
                ...fields,
                ...(attributeMap !== undefined && {
                  attributeMap: { ...current.attributeMap, ...attributeMap },
                }),
                updatedAt: ctx.now(),
              },
              sealedPassword,
            ),
          nameInUse(settings.name ?? current.name),
        ),
    );
    return getDirectory(tx, tenant, id);
  });
}

/** Deletes the directory; its accounts and groups stay, kept by hand from then on. */
export async function deleteDirectory(
  ctx: CoreContext,
  tenant: ActingTenant,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  const before = (tx: CoreContext) => getDirectory(tx, tenant, id);
  await audited(ctx, tenant, { type: 'directory', id, verb: 'delete', before }, async (tx) => {
    await writeAtVersion(
      `directory ${id}`,
      () => getDirectory(tx, tenant, id),
      expectedVersion,
      (_directory, version) => directories.deleteDirectory(tx.db, tenant.id, id, version),
    );
  });
}
