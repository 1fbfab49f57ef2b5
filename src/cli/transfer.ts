import { readFile, writeFile } from 'node:fs/promises';
import { exportDocument } from '../core/transfer/export.js';
import { importDocument, type EntityKind } from '../core/transfer/import.js';
import { openRuntime } from './runtime.js';

const singular: Record<EntityKind, string> = {
  tenants: 'tenant',
  directories: 'directory',
  users: 'user',
  groups: 'group',
  roles: 'role',
  resourceTypes: 'resource type',
  permissions: 'permission',
  labels: 'label',
  profiles: 'profile',
  assignments: 'assignment',
  checkouts: 'check-out',
};

export async function importCommand(file: string, options: { dryRun: boolean }): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { database, ctx } = await openRuntime(process.env);
  try {
    const report = await importDocument({ ...ctx, actor: 'import' }, raw, options);
    for (const change of report.changes) {
      if (change.action !== 'unchanged')
        console.log(`${change.action.padEnd(9)} ${singular[change.kind].padEnd(13)} ${change.id}`);
    }
    const { create, update, unchanged } = report.counts;
    console.log(
      `${report.dryRun ? 'would create' : 'created'} ${create}, ${report.dryRun ? 'would update' : 'updated'} ${update}, unchanged ${unchanged}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    );
    for (const note of report.notes) console.log(`note: ${note}`);
  } finally {
    await database.close();
  }
}

export async function exportCommand(options: { output: string | undefined }): Promise<void> {
  const { database, ctx } = await openRuntime(process.env);
  try {
    const text = `${JSON.stringify(await exportDocument(ctx), null, 2)}\n`;
    if (options.output) await writeFile(options.output, text);
    else process.stdout.write(text);
  } finally {
    await database.close();
  }
}
