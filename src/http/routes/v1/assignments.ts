import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Assignment } from '../../../core/model/assignment.js';
import {
  AssignmentCreate,
  AssignmentPatch,
  BulkAssign,
  BulkRevoke,
} from '../../../core/schemas/assignment.schema.js';
import * as assignments from '../../../core/services/assignment.service.js';
import { bulkAssign, bulkRevoke, type BulkOutcome } from '../../../core/services/bulk-assignment.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { instantOf, instantOrNull, withIsoTimes } from '../../representation.js';
import { limits } from '../../../core/schemas/common.js';
import { errors, IdParams, Instant, ListQuery, PageOf } from '../../schemas/common.js';
import { registerCrud } from '../crud.js';
import { listParams, pageBody } from '../list.js';

export const representAssignment = (a: Assignment) =>
  withIsoTimes(a, ['validFrom', 'validUntil', 'createdAt', 'updatedAt'] as const);

const ref = Type.Ref('Assignment');
const tags = ['Assignments'];
const ActiveAt = Type.Object({
  activeAt: Type.Optional({ ...Instant, description: 'Only assignments whose window contains this instant' }),
});
const ListAssignmentsQuery = Type.Object(
  {
    ...ListQuery.properties,
    ...ActiveAt.properties,
    profileId: Type.Optional(Type.String({ maxLength: 100 })),
    userId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const NestedListQuery = Type.Object(
  { ...ListQuery.properties, ...ActiveAt.properties },
  { additionalProperties: false },
);

const upTo = `up to ${limits.bulkUsers.toLocaleString('en')} users`;
const inOneWrite =
  'The request is one transaction, with one audit event per assignment changed, as single writes would leave; with `atomic`, one failure writes nothing and every other user answers precondition.failed (not applied).';

const BulkResult = Type.Object({
  applied: Type.Boolean({ description: 'false: atomic request with a failure, nothing written' }),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      userId: Type.String(),
      status: Type.Union([
        Type.Literal('created'),
        Type.Literal('updated'),
        Type.Literal('revoked'),
        Type.Literal('failed'),
      ]),
      assignmentIds: Type.Array(Type.String()),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});

function bulkBody<T>(
  outcome: BulkOutcome<T>,
  success: (value: T) => { status: 'created' | 'updated' | 'revoked'; assignmentIds: string[] },
) {
  const results = outcome.results.map((r) =>
    r.ok
      ? { userId: r.userId, ...success(r.value) }
      : { userId: r.userId, status: 'failed' as const, assignmentIds: [], error: r.error },
  );
  const failed = results.filter((r) => r.status === 'failed').length;
  return { applied: outcome.applied, succeeded: results.length - failed, failed, results };
}

export const assignmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    path: '/v1/assignments',
    tag: 'Assignments',
    noun: 'assignment',
    article: 'an',
    scopes: { read: 'assignments:read', write: 'assignments:write' },
    schemaId: 'Assignment',
    createBody: AssignmentCreate,
    patchBody: AssignmentPatch,
    listQuery: ListAssignmentsQuery,
    createMayUpdate: true,
    summaries: {
      list: 'List assignments, by profile, by user, active at an instant',
      create: 'Assign a profile to a user for a window (re-assigning updates the window: 200)',
      update: "Change an assignment's window (an end in the past revokes it)",
    },
    // A window is no name: nothing of an assignment's can be in use (409) or refer to nothing (422).
    errors: { update: [400, 404, 412, 413, 415] },
    service: {
      list: (ctx, tenant, params, { profileId, userId, activeAt }) =>
        assignments.listAssignments(
          ctx,
          tenant,
          { profileId, userId, activeAt: activeAt === undefined ? undefined : instantOf(activeAt) },
          params,
        ),
      get: assignments.getAssignment,
      create: async (ctx, tenant, { validFrom, validUntil, ...rest }) => {
        const outcome = await assignments.assign(ctx, tenant, {
          ...rest,
          validFrom: instantOrNull(validFrom),
          validUntil: instantOrNull(validUntil),
        });
        return { item: outcome.assignment, created: outcome.created };
      },
      update: (ctx, tenant, id, { validFrom, validUntil, includeDescendants }, expectedVersion) =>
        assignments.changeAssignment(
          ctx,
          tenant,
          id,
          { includeDescendants, validFrom: instantOrNull(validFrom), validUntil: instantOrNull(validUntil) },
          expectedVersion,
        ),
      remove: assignments.deleteAssignment,
    },
    represent: representAssignment,
  });

  for (const [owner, key] of [
    ['profiles', 'profileId'],
    ['users', 'userId'],
  ] as const) {
    app.get(
      `/v1/${owner}/:id/assignments`,
      {
        config: { scope: 'assignments:read' },
        schema: {
          tags,
          summary: `List the assignments of a ${owner.slice(0, -1)}`,
          params: IdParams,
          querystring: NestedListQuery,
          response: { 200: PageOf(ref), ...errors(400, 404) },
        },
      },
      async (request) => {
        const { activeAt } = request.query;
        const selection = {
          [key]: request.params.id,
          activeAt: activeAt === undefined ? undefined : instantOf(activeAt),
        };
        return pageBody(
          await assignments.listAssignments(
            request.core,
            tenantOf(request),
            selection,
            listParams(request.query),
          ),
          representAssignment,
        );
      },
    );
  }

  app.post(
    '/v1/assignments/bulk-assign',
    {
      config: { scope: 'assignments:write' },
      schema: {
        tags,
        summary: 'Assign one profile to many users for one window, answering per user',
        description: `Assigns the profile to ${upTo} in one scope: each user's result is created, updated (re-assigning changes the window of the existing assignment) or failed with a code (user.not_found, tenant.not_found). ${inOneWrite}`,
        body: BulkAssign,
        response: { 200: BulkResult, ...errors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const { validFrom, validUntil, ...rest } = request.body;
      const outcome = await bulkAssign(request.core, tenantOf(request), {
        ...rest,
        validFrom: instantOrNull(validFrom),
        validUntil: instantOrNull(validUntil),
      });
      return bulkBody(outcome, (v) => ({
        status: v.created ? 'created' : 'updated',
        assignmentIds: [v.assignment.id],
      }));
    },
  );

  app.post(
    '/v1/assignments/bulk-revoke',
    {
      config: { scope: 'assignments:write' },
      schema: {
        tags,
        summary: 'Remove one profile from many users, answering per user',
        description: `Removes the profile from ${upTo}, in one scope or in all: each user's result is revoked (with the assignments removed) or failed with a code (user.not_found, tenant.not_found, assignment.not_found when the user does not hold it). ${inOneWrite}`,
        body: BulkRevoke,
        response: { 200: BulkResult, ...errors(400, 404, 413, 415) },
      },
    },
    async (request) => {
      const outcome = await bulkRevoke(request.core, tenantOf(request), request.body);
      return bulkBody(outcome, (removed) => ({ status: 'revoked', assignmentIds: removed.map((a) => a.id) }));
    },
  );
};
