import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuditEvent } from '../../../core/model/audit-event.js';
import { getAuditEvent, listAuditEvents } from '../../../core/audit/audit.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { iso } from '../../representation.js';
import { errors, IdParams, Instant, ListQuery, PageOf } from '../../schemas/common.js';
import { listParams, pageBody } from '../list.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const AuditEventSchema = Type.Object(
  {
    id: Type.String(),
    at: Instant,
    tenantId: Type.String(),
    actor: Type.String(),
    credentialId: NullableString,
    userId: NullableString,
    action: Type.String({ description: '`<targetType>.<verb>`, e.g. profile.update' }),
    targetType: Type.String(),
    targetId: Type.String(),
    before: Type.Unknown({
      description: 'The target before the write (null for a create); secrets redacted',
    }),
    after: Type.Unknown({ description: 'The target after the write (null for a delete); secrets redacted' }),
    requestId: NullableString,
    source: Type.String({ description: 'The API the write came through: native, cli, or a compat API' }),
  },
  { $id: 'AuditEvent' },
);

const represent = (e: AuditEvent) => ({ ...e, at: iso(e.at) });
const tags = ['Audit'];

/** The audit trail of the acting subtree: read-only, as no API may change or delete an event. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(AuditEventSchema);
  const ref = Type.Ref('AuditEvent');
  app.get(
    '/v1/audit-events',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags,
        summary: 'List audit events of the acting tenant and its descendants (newest first)',
        querystring: ListQuery,
        response: { 200: PageOf(ref), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      pageBody(await listAuditEvents(request.core, tenantOf(request), listParams(request.query)), represent),
  );
  app.get(
    '/v1/audit-events/:id',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags,
        summary: 'Get an audit event',
        params: IdParams,
        response: { 200: ref, ...errors(401, 403, 404) },
      },
    },
    async (request) => represent(await getAuditEvent(request.core, tenantOf(request), request.params.id)),
  );
};
