import { readFileSync } from 'node:fs';
import { ensureRootTenant } from '../auth/bootstrap.js';
import type { ActingTenant, CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { SyncReport } from '../core/model/directory.js';
import { everyRow } from '../core/services/page.js';
import { syncDirectory } from '../core/services/directory-sync.service.js';
import {
  createDirectory,
  deleteDirectory,
  getDirectoryByIdOrName,
  listDirectories,
  type SecretBox,
} from '../core/services/directory.service.js';
import { resolveTenantRef, wholeInstallation } from '../core/services/tenant.service.js';
import { authSettingsFor, openRuntime } from './runtime.js';

export interface DirectoryOptions {
  tenant?: string | undefined;
  name?: string | undefined;
  url?: string | undefined;
  provider?: string | undefined;
  bindDn?: string | undefined;
  /** A file holding the bind password (never the password itself on the command line). */
  bindPasswordFile?: string | undefined;
  baseDn?: string | undefined;
  userFilter?: string | undefined;
  groupFilter?: string | undefined;
  attributes?: string | undefined;
  startTls?: boolean | undefined;
  writable?: boolean | undefined;
}

async function withDirectories<T>(
  tenantRef: string | undefined,
  work: (ctx: CoreContext, tenant: ActingTenant, box: SecretBox) => Promise<T>,
): Promise<T> {
  const { config, database, ctx } = await openRuntime(process.env);
  try {
    const box = authSettingsFor(config, database).sealer;
    let tenant: ActingTenant;
    if (tenantRef === undefined) tenant = await ensureRootTenant(ctx);
    else {
      const row = await resolveTenantRef(ctx, wholeInstallation, tenantRef);
      tenant = { id: row.id, path: row.path };
    }
    return await work(ctx, tenant, box);
  } finally {
    await database.close();
  }
}

/** The bind password: from the file given, else from PROFILED_BIND_PASSWORD. */
function bindPassword(options: DirectoryOptions): string {
  if (options.bindPasswordFile !== undefined) return readFileSync(options.bindPasswordFile, 'utf8').trimEnd();
  const fromEnv = process.env.PROFILED_BIND_PASSWORD;
  if (fromEnv === undefined || fromEnv === '') {
    throw new DomainError(
      'validation.failed',
      'give the bind password in a file (--bind-password-file) or in PROFILED_BIND_PASSWORD',
    );
  }
  return fromEnv;
}

function required(
  options: DirectoryOptions,
  key: 'name' | 'url' | 'bindDn' | 'baseDn',
  flag: string,
): string {
  const value = options[key];
  if (value === undefined || value === '') throw new DomainError('validation.failed', `${flag} is required`);
  return value;
}

export function summary(report: SyncReport): string {
  const a = report.accounts;
  const g = report.groups;
  return [
    `accounts: ${a.read} read, ${a.created} created, ${a.updated} updated, ${a.unchanged} unchanged, ${a.vanished} vanished, ${a.failed} failed`,
    `groups: ${g.read} read, ${g.created} created, ${g.updated} updated, ${g.unchanged} unchanged, ${g.vanished} vanished`,
    ...report.failures.map((f) => `  failed ${f.kind} ${f.dn}: ${f.reason}`),
  ].join('\n');
}

export async function addDirectoryCommand(options: DirectoryOptions): Promise<void> {
  await withDirectories(options.tenant, async (ctx, tenant, box) => {
    const directory = await createDirectory(ctx, tenant, box, {
      name: required(options, 'name', '--name'),
      url: required(options, 'url', '--url'),
      bindDn: required(options, 'bindDn', '--bind-dn'),
      bindPassword: bindPassword(options),
      baseDn: required(options, 'baseDn', '--base-dn'),
      ...(options.provider !== undefined && { provider: options.provider }),
      ...(options.userFilter !== undefined && { userFilter: options.userFilter }),
      ...(options.groupFilter !== undefined && { groupFilter: options.groupFilter }),
      ...(options.attributes !== undefined && {
        attributes: options.attributes.split(/[\s,]+/).filter(Boolean),
      }),
      ...(options.startTls !== undefined && { startTls: options.startTls }),
      ...(options.writable !== undefined && { writable: options.writable }),
    });
    console.log(`directory ${directory.name} added: ${directory.id}`);
  });
}

export async function listDirectoriesCommand(options: DirectoryOptions): Promise<void> {
  await withDirectories(options.tenant, async (ctx, tenant) => {
    const all = await everyRow((cursor) =>
      listDirectories(ctx, tenant, { cursor, limit: 100, sort: 'name' }),
    );
    if (all.length === 0) return console.log('no directories');
    for (const d of all) {
      const synced =
        d.lastSync === null ? 'never synced' : `synced ${new Date(d.lastSync.finishedAt).toISOString()}`;
      console.log(`${d.id}  ${d.name}  ${d.provider}  ${d.url}  ${d.baseDn}  ${synced}`);
    }
  });
}

/** Syncs a directory, with a progress line on standard error, and prints what it did. */
export async function syncDirectoryCommand(ref: string, options: DirectoryOptions): Promise<void> {
  await withDirectories(options.tenant, async (ctx, tenant, box) => {
    const live = process.stderr.isTTY;
    const report = await syncDirectory(ctx, tenant, box, ref, (step, done, total) => {
      const line = total > 0 ? `${step}: ${done}/${total}` : `${step}...`;
      if (live) process.stderr.write(`\r\x1b[K${line}`);
      else if (total === 0 || done === total) process.stderr.write(`${line}\n`);
    });
    if (live) process.stderr.write('\r\x1b[K');
    console.log(summary(report));
  });
}

export async function removeDirectoryCommand(ref: string, options: DirectoryOptions): Promise<void> {
  await withDirectories(options.tenant, async (ctx, tenant) => {
    const directory = await getDirectoryByIdOrName(ctx, tenant, ref);
    await deleteDirectory(ctx, tenant, directory.id);
    console.log(`directory ${directory.name} removed (its accounts stay)`);
  });
}
