import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../../core/errors.js';
import { cloneParts, cloneProfile, type ClonePart } from '../../../core/services/profile-clone.service.js';
import { getProfile } from '../../../core/services/profile.service.js';
import { inTransaction } from '../../../core/transaction.js';
import { policyValidity, type PolicyValidity } from '../../../core/services/policy-validity.service.js';
import { britiveErrors } from '../errors.js';
import { toResourceProfileDto } from '../profile.mapper.js';
import { ProfileIdParams, ResourceProfileDto } from '../profile.schemas.js';
import { britiveSecurity, RM, tags, type BritiveRoutes } from '../route-config.js';

const CloneQuery = Type.Object(
  {
    options: Type.Optional(
      Type.String({
        maxLength: 200,
        description: `Comma-separated parts to copy: ${cloneParts.join(', ')} (default: all). permissions bring associations.`,
      }),
    ),
    ignoreErrors: Type.Optional(
      Type.Boolean({ description: 'true: leave out policies no longer valid (207)' }),
    ),
  },
  { additionalProperties: false },
);

const CloneBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  },
  // The spec's body is the whole profile DTO: its other fields are taken and not used.
  { additionalProperties: true, maxProperties: 30 },
);

const PolicyRef = Type.Object({ id: Type.String(), name: Type.String() });
const InvalidPolicy = Type.Object({
  id: Type.String(),
  name: Type.String(),
  errors: Type.Array(Type.String()),
});
const Breakdown = Type.Object({
  valid: Type.Array(PolicyRef),
  invalid: Type.Array(InvalidPolicy),
  count: Type.Integer(),
});

const CLONE_REFUSED = 'Cannot clone profile due to one or more validation errors.';

/** The valid/invalid breakdown of policies Britive answers (clone 422, validate 207). */
function breakdown(validity: readonly PolicyValidity[]) {
  return {
    valid: validity
      .filter((v) => v.problems.length === 0)
      .map(({ policy }) => ({ id: policy.id, name: policy.name })),
    invalid: validity
      .filter((v) => v.problems.length > 0)
      .map(({ policy, problems }) => ({ id: policy.id, name: policy.name, errors: problems })),
    count: validity.length,
  };
}

function partsOf(options: string | undefined): Set<ClonePart> {
  if (options === undefined || options.trim() === '') return new Set(cloneParts);
  const asked = options
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const unknown = asked.filter((o) => !(cloneParts as readonly string[]).includes(o));
  if (unknown.length > 0) {
    throw new DomainError(
      'validation.failed',
      `unknown clone options: ${unknown.join(', ')}; known: ${cloneParts.join(', ')}`,
      [{ pointer: '/querystring/options', detail: `unknown: ${unknown.join(', ')}` }],
    );
  }
  const parts = new Set(asked as ClonePart[]);
  // Britive's rule: a permission applies to the resources its profile's associations select.
  if (parts.has('permissions')) parts.add('associations');
  return parts;
}

/** Clone a profile (its chosen parts, in one transaction) and check its policies. */
export function cloneRoutes(app: FastifyInstance, britive: BritiveRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: britiveSecurity };

  api.post(
    `${RM}/profiles/:id/clone`,
    {
      config: britive.config('profiles:write'),
      schema: {
        ...schema,
        summary: 'Clone a profile: its chosen parts into a new one',
        description:
          'A policy no longer valid (a member user gone or disabled, a tag gone, a malformed condition, an ended time window) fails the whole clone with 422 and writes nothing; with `ignoreErrors=true` the clone leaves those policies out and answers 207. A clean clone answers 200 with the new profile.',
        params: ProfileIdParams,
        querystring: CloneQuery,
        body: CloneBody,
        response: {
          200: ResourceProfileDto,
          207: Type.Object({
            failure: Type.Object({ policy: Type.Array(InvalidPolicy) }),
            success: ResourceProfileDto,
          }),
          422: Type.Object({ errorMessage: Type.String(), policy: Breakdown }),
          ...britiveErrors(400, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { core, acting, params, query, body } = request;
      const parts = partsOf(query.options);
      // Checked and copied from one read, in one transaction: a policy added in between is in neither.
      const outcome = await inTransaction(core, async (tx) => {
        const source = await getProfile(tx, acting, params.id);
        const checked = parts.has('policies')
          ? breakdown(await policyValidity(tx, acting, source.policies))
          : undefined;
        const invalid = checked?.invalid ?? [];
        if (checked && invalid.length > 0 && query.ignoreErrors !== true)
          return { refused: true as const, policy: checked };
        const made = await cloneProfile(tx, acting, source, {
          name: body.name,
          ...(body.description !== undefined && { description: body.description }),
          parts,
          leaveOutPolicies: new Set(invalid.map((p) => p.id)),
        });
        return { refused: false as const, made, invalid };
      });
      if (outcome.refused)
        return reply.code(422).send({ errorMessage: CLONE_REFUSED, policy: outcome.policy });
      const { made, invalid } = outcome;
      if (invalid.length > 0) {
        return reply.code(207).send({ failure: { policy: invalid }, success: toResourceProfileDto(made) });
      }
      return reply.code(200).send(toResourceProfileDto(made));
    },
  );

  api.get(
    `${RM}/profiles/:id/validate`,
    {
      config: britive.config('profiles:read'),
      schema: {
        ...schema,
        summary: "Which of a profile's policies are still valid (207)",
        params: ProfileIdParams,
        response: { 207: Type.Object({ policy: Breakdown }), ...britiveErrors(400, 404) },
      },
    },
    async (request, reply) => {
      const profile = await getProfile(request.core, request.acting, request.params.id);
      return reply
        .code(207)
        .send({ policy: breakdown(await policyValidity(request.core, request.acting, profile.policies)) });
    },
  );
}
