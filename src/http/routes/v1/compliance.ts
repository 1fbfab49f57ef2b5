import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import type { AccountCompliance } from '../../../core/model/compliance.js';
import { DomainError } from '../../../core/errors.js';
import { tenantCompliance, userCompliance } from '../../../core/services/compliance.service.js';
import { remediate } from '../../../core/services/remediation.service.js';
import { limits } from '../../../core/schemas/common.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { errors, IdParams } from '../../schemas/common.js';

const tags = ['Compliance'];

export const representCompliance = (a: AccountCompliance) => ({
  userId: a.user.id,
  username: a.user.username,
  directoryId: a.user.directory.directoryId,
  fqdn: a.user.directory.fqdn,
  profileIds: a.profileIds,
  compliant: a.compliant,
  unassigned: a.unassigned,
  missingGroups: a.missingGroups,
  differentAttributes: a.differentAttributes,
  extraGroups: a.extraGroups,
  actualAttributes: a.user.directory.actualAttributes,
});

const ComplianceQuery = Type.Object(
  {
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Tenant id or code' })),
    profile: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Only holders of this profile' }),
    ),
    username: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Usernames starting with this' }),
    ),
    all: Type.Optional(Type.Boolean({ description: 'Compliant accounts too (default: non-compliant only)' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const CompliancePage = Type.Object({
  tenantId: Type.String(),
  unassignedAccountsNonCompliant: Type.Boolean(),
  items: Type.Array(Type.Ref('AccountCompliance')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'Accounts matching, over every page' }),
});

const RemediationRequest = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: true, description: 'Default true: only say what would change' }),
    ),
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    profileId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    userIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: limits.bulkUsers,
        uniqueItems: true,
      }),
    ),
  },
  { additionalProperties: false },
);

/** The cursor of a compliance page: the offset of its first account, over a stable order. */
const cursorAt = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new DomainError('query.invalid_cursor', 'cursor is not one this listing gave');
  return Number(match[1]);
}

/** Compliance of accounts against their profiles, and remediation in the directory. */
export function complianceRoutes(settings: AuthSettings): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/compliance',
      {
        config: { scope: 'users:read' },
        schema: {
          tags,
          summary: 'Non-compliant accounts of a tenant, with what is missing, different and extra',
          description:
            'An account holding a profile now is non-compliant when it lacks a desired group (nested ' +
            'membership counts) or a desired LDAP attribute value; with the tenant setting ' +
            '`unassignedAccountsNonCompliant`, an account holding no profile is too. Facts are the last ' +
            'synced ones. Ordered by username.',
          querystring: ComplianceQuery,
          response: { 200: CompliancePage, ...errors(400, 404) },
        },
      },
      async (request) => {
        const { tenant, profile, username, all, cursor, limit = 50 } = request.query;
        const offset = offsetOf(cursor);
        const report = await tenantCompliance(request.core, tenantOf(request), {
          tenant,
          profileId: profile,
        });
        const prefix = username?.toLowerCase();
        const matching = report.accounts.filter(
          (a) =>
            (all === true || !a.compliant) &&
            (prefix === undefined || a.user.username.toLowerCase().startsWith(prefix)),
        );
        const page = matching.slice(offset, offset + limit);
        return {
          tenantId: report.tenant.id,
          unassignedAccountsNonCompliant: report.settings.unassignedAccountsNonCompliant,
          items: page.map(representCompliance),
          nextCursor: offset + limit < matching.length ? cursorAt(offset + limit) : null,
          total: matching.length,
        };
      },
    );

    app.get(
      '/v1/users/:id/compliance',
      {
        config: { scope: 'users:read' },
        schema: {
          tags,
          summary: 'How one account stands against the profiles it holds now',
          params: IdParams,
          response: { 200: Type.Ref('AccountCompliance'), ...errors(404) },
        },
      },
      async (request) =>
        representCompliance(await userCompliance(request.core, tenantOf(request), request.params.id)),
    );

    app.post(
      '/v1/compliance/remediate',
      {
        config: { scope: 'directories:write' },
        schema: {
          tags,
          summary: 'The LDAP changes that make accounts compliant; with dryRun false, make them',
          description:
            'Plans, for every non-compliant account (or those of `userIds`), the LDAP modify operations ' +
            'that add it to each missing group and set each differing attribute. With `dryRun: false` they ' +
            'are applied on directories configured `writable`, each account on its own (one the directory ' +
            'refuses is `failed`, the others still apply); the touched directories are synced again and ' +
            'every applied account is in the audit trail (`user.remediate`).',
          body: RemediationRequest,
          response: { 200: Type.Ref('Remediation'), ...errors(400, 404, 409, 502) },
        },
      },
      async (request) => remediate(request.core, tenantOf(request), settings.sealer, request.body ?? {}),
    );
  };
}
