import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  capabilityHolders,
  checkAccessParts,
  effectiveAccessParts,
} from '../../../core/access/access.service.js';
import { DomainError } from '../../../core/errors.js';
import { AccessLevel, CapabilityGrant, ViewLevel } from '../../../core/schemas/profile.schema.js';
import { getCapability, listCapabilities } from '../../../core/services/capability.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { iso, instantOf } from '../../representation.js';
import { sendAroundInstant } from '../../serialized-around-instant.js';
import { errors, IdParams, Instant, ListQuery, PageOf } from '../../schemas/common.js';
import { listParams, pageBody } from '../list.js';

const AtQuery = {
  tenant: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "Tenant id or code; default the user's tenant",
    }),
  ),
  at: Type.Optional({ ...Instant, description: 'Default: now' }),
};

const Source = Type.Object({
  profileId: Type.String(),
  profileName: Type.String(),
  assignmentId: Type.String(),
  scopeTenantId: Type.String(),
  includeDescendants: Type.Boolean(),
});

const EffectiveAccess = Type.Object({
  userId: Type.String(),
  tenantId: Type.String(),
  at: Instant,
  capabilities: Type.Array(
    Type.Object({ ...CapabilityGrant.properties, grantedBy: Type.Array(Type.String()) }),
  ),
  additionalCapabilities: Type.Array(Type.String()),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.Object({}, { additionalProperties: true })),
  sources: Type.Array(Source),
});

const CheckBody = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 100, description: 'User id' }),
    capability: Type.String({ minLength: 1, maxLength: 200 }),
    level: AccessLevel,
    viewLevel: Type.Optional(ViewLevel),
    tenant: AtQuery.tenant,
    at: AtQuery.at,
  },
  { additionalProperties: false },
);

const CheckAnswer = Type.Object({
  allowed: Type.Boolean(),
  userId: Type.String(),
  tenantId: Type.String(),
  at: Instant,
  grantedBy: Type.Array(
    Type.Object({
      profileId: Type.String(),
      profileName: Type.String(),
      assignmentId: Type.String(),
      accessLevel: AccessLevel,
      viewLevel: ViewLevel,
    }),
  ),
});

const HoldersQuery = Type.Object(
  {
    tenant: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Tenant id or code; default the acting tenant',
      }),
    ),
    level: Type.Optional({ ...AccessLevel, description: 'Minimum access level; default Read' }),
    viewLevel: Type.Optional(ViewLevel),
    at: AtQuery.at,
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const Holders = Type.Object({
  capability: Type.String(),
  tenantId: Type.String(),
  at: Instant,
  items: Type.Array(Type.Object({ userId: Type.String(), accessLevel: AccessLevel, viewLevel: ViewLevel })),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** Holders pages by user id; the cursor is that id, made opaque. */
const holderCursor = {
  encode: (userId: string) => Buffer.from(userId, 'utf8').toString('base64url'),
  decode: (cursor: string) => {
    const userId = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{36}$/.test(userId))
      throw new DomainError('query.invalid_cursor', 'cursor is not one this endpoint issued');
    return userId;
  },
};

export const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/users/:id/access',
    {
      config: { scope: 'access:check' },
      schema: {
        tags: ['Access'],
        summary: 'Effective access of a user in a tenant at an instant',
        params: IdParams,
        querystring: Type.Object(AtQuery, { additionalProperties: false }),
        response: { 200: EffectiveAccess, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const { tenant, at } = request.query;
      const { about, access } = await effectiveAccessParts(request.core, tenantOf(request), {
        userId: request.params.id,
        tenant,
        at: at === undefined ? undefined : instantOf(at),
      });
      const { at: instant, ...who } = about;
      return sendAroundInstant(reply, access, who, iso(instant));
    },
  );

  app.post(
    '/v1/access/check',
    {
      config: { scope: 'access:check' },
      schema: {
        tags: ['Access'],
        summary: 'May this user use this capability at this level, in this tenant, at this instant?',
        body: CheckBody,
        response: { 200: CheckAnswer, ...errors(400, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      const { user, at, ...rest } = request.body;
      const { about, verdict } = await checkAccessParts(request.core, tenantOf(request), {
        ...rest,
        userId: user,
        at: at === undefined ? undefined : instantOf(at),
      });
      const { at: instant, ...who } = about;
      return sendAroundInstant(reply, verdict, who, iso(instant));
    },
  );

  app.get(
    '/v1/capabilities',
    {
      config: { scope: 'profiles:read' },
      schema: {
        tags: ['Capabilities'],
        summary: 'The capability catalog',
        querystring: ListQuery,
        // 404: a Target-Tenant outside the subtree, as on every route that acts from a tenant.
        response: { 200: PageOf(Type.Ref('Capability')), ...errors(400, 404) },
      },
    },
    async (request) => pageBody(await listCapabilities(request.core, listParams(request.query)), (c) => c),
  );

  app.get(
    '/v1/capabilities/:id',
    {
      config: { scope: 'profiles:read' },
      schema: {
        tags: ['Capabilities'],
        summary: 'One capability by name',
        params: IdParams,
        response: { 200: Type.Ref('Capability'), ...errors(404) },
      },
    },
    async (request) => getCapability(request.core, request.params.id),
  );

  app.get(
    '/v1/capabilities/:id/holders',
    {
      config: { scope: 'access:check' },
      schema: {
        tags: ['Access'],
        summary: 'Users holding a capability at (at least) a level in a tenant at an instant',
        params: IdParams,
        querystring: HoldersQuery,
        response: { 200: Holders, ...errors(400, 404) },
      },
    },
    async (request) => {
      const acting = tenantOf(request);
      const q = request.query;
      const limit = q.limit ?? 50;
      const answer = await capabilityHolders(request.core, acting, {
        capability: request.params.id,
        tenant: q.tenant ?? acting.id,
        level: q.level ?? 'Read',
        viewLevel: q.viewLevel,
        at: q.at === undefined ? undefined : instantOf(q.at),
        afterUserId: q.cursor === undefined ? undefined : holderCursor.decode(q.cursor),
        limit,
      });
      return {
        capability: request.params.id,
        tenantId: answer.tenantId,
        at: iso(answer.at),
        items: answer.holders,
        nextCursor: answer.nextAfter === null ? null : holderCursor.encode(answer.nextAfter),
      };
    },
  );
};
