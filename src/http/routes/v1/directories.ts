import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import type { Directory, SyncReport } from '../../../core/model/directory.js';
import { DirectoryCreate, DirectoryPatch } from '../../../core/schemas/directory.schema.js';
import { syncDirectory } from '../../../core/services/directory-sync.service.js';
import * as directories from '../../../core/services/directory.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { withIsoTimes } from '../../representation.js';
import { errors, IdParams } from '../../schemas/common.js';
import { alwaysCreates, registerCrud } from '../crud.js';

export const representSyncReport = (report: SyncReport) =>
  withIsoTimes(report, ['startedAt', 'finishedAt'] as const);

const representDirectory = (d: Directory) => ({
  ...withIsoTimes(d, ['createdAt', 'updatedAt'] as const),
  lastSync: d.lastSync === null ? null : representSyncReport(d.lastSync),
});

/** The tenant's LDAP directories, and their sync. */
export function directoryRoutes(settings: AuthSettings): FastifyPluginAsyncTypebox {
  const box = settings.sealer;
  return async (app) => {
    registerCrud(app, {
      path: '/v1/directories',
      tag: 'Directories',
      noun: 'directory',
      scopes: { read: 'directories:read', write: 'directories:write' },
      schemaId: 'Directory',
      createBody: DirectoryCreate,
      patchBody: DirectoryPatch,
      summaries: {
        create: 'Connect an LDAP directory (OpenLDAP, Active Directory) to the tenant',
        update: 'Change a directory (a new bindPassword replaces the sealed one)',
        remove: 'Delete a directory (its accounts and groups stay, kept by hand from then on)',
      },
      service: {
        list: directories.listDirectories,
        get: directories.getDirectory,
        create: alwaysCreates((ctx, tenant, input: DirectoryCreate) =>
          directories.createDirectory(ctx, tenant, box, input),
        ),
        update: (ctx, tenant, id, patch: DirectoryPatch, version) =>
          directories.updateDirectory(ctx, tenant, box, id, patch, version),
        remove: directories.deleteDirectory,
      },
      represent: representDirectory,
    });

    app.post(
      '/v1/directories/:id/sync',
      {
        config: { scope: 'directories:write' },
        schema: {
          tags: ['Directories'],
          summary: 'Sync the directory now: its accounts, groups (nested membership) and attributes',
          description:
            'Reads every account and group entry first, so an unreachable directory or a refused bind ' +
            '(502 `directory.unreachable`, `directory.bind_failed`) writes nothing; then writes a batch ' +
            'of accounts per transaction. Accounts gone from the directory are marked (`vanishedAt`), ' +
            'not deleted. A sync of a directory already being synced is a 409.',
          params: IdParams,
          response: { 200: { $ref: 'SyncReport' }, ...errors(404, 409, 502) },
        },
      },
      async (request) =>
        representSyncReport(await syncDirectory(request.core, tenantOf(request), box, request.params.id)),
    );
  };
}
