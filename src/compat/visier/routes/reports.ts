import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { tenantAssignments } from '../../../core/services/assignment-report.service.js';
import { visierErrors } from '../errors.js';
import {
  XLSX_CONTENT_TYPE,
  profileAssignmentsWorkbook,
  reportFileName,
} from '../profile-assignments.report.js';
import { tags, visierSecurity, type VisierRoutes } from '../route-config.js';

const ReportQuery = Type.Object({
  tenantCode: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'The tenant to export: the one acted on (default) or an analytic tenant below it',
    }),
  ),
});

/** Fastify sends a Buffer as it is; typed so, the handler may answer one. */
const Workbook = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

/** Visier's user reports, as XLSX workbooks. */
export function reportRoutes(app: FastifyInstance, visier: VisierRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/v1/admin/users/reports/profile-assignments',
    {
      config: visier.config('assignments:read'),
      schema: {
        tags: tags.users,
        security: visierSecurity,
        summary: 'Retrieve user profile assignments in XLSX format',
        description:
          'One row per assignment of the tenant: user, profile, the tenant it is scoped to, forAllChildren and the validity window (epoch milliseconds as Visier writes them, and as dates).',
        querystring: ReportQuery,
        response: {
          200: {
            description: 'An XLSX file.',
            content: { [XLSX_CONTENT_TYPE]: { schema: Workbook } },
          },
          ...visierErrors(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { tenant, assignments } = await tenantAssignments(
        request.core,
        request.acting,
        request.query.tenantCode,
      );
      const workbook = await profileAssignmentsWorkbook(assignments);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${reportFileName(tenant.code)}"`)
        .send(workbook);
    },
  );
}
