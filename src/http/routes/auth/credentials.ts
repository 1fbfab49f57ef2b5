import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuthSettings } from '../../../auth/auth-settings.js';
import type { Credential } from '../../../auth/credential.js';
import * as credentials from '../../../auth/credential.service.js';
import { setPassword } from '../../../auth/password.service.js';
import { tenantOf } from '../../plugins/acting-tenant.js';
import { instantOrNull, iso, withIsoTimes } from '../../representation.js';
import { errors, IdParams, ListQuery, PageOf } from '../../schemas/common.js';
import {
  CredentialCreate,
  CredentialPatch,
  credentialKinds,
  credentialSchema,
  issuedCredentialSchema,
  PasswordChanged,
  PasswordSet,
  type CredentialKindSpec,
} from '../../schemas/credentials.js';
import { listParams, pageBody } from '../list.js';

const tags = ['Credentials'];

function represent(spec: CredentialKindSpec, credential: Credential) {
  const { publicId, kind: _kind, createdAt, ...rest } = credential;
  return {
    ...withIsoTimes(rest, ['expiresAt', 'revokedAt', 'lastUsedAt'] as const),
    createdAt: iso(createdAt),
    [spec.publicField]: publicId,
  };
}

/** List, create (secret shown once), get and revoke, for each kind of credential. */
export function credentialRoutes(app: FastifyInstance, settings: AuthSettings): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const spec of credentialKinds) {
    app.addSchema(credentialSchema(spec));
    const ref = Type.Ref(spec.schemaId);

    api.get(
      spec.path,
      {
        config: { scope: 'credentials:read' },
        schema: {
          tags,
          summary: `List the ${spec.noun}s of the acting tenant`,
          querystring: ListQuery,
          response: { 200: PageOf(ref), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) =>
        pageBody(
          await credentials.listCredentials(
            request.core,
            tenantOf(request),
            spec.kind,
            listParams(request.query),
          ),
          (c) => represent(spec, c),
        ),
    );

    api.post(
      spec.path,
      {
        // Not idempotent: a replayable answer would be stored, and this one holds the secret.
        config: { scope: 'credentials:write' },
        schema: {
          tags,
          summary: `Create a ${spec.noun}; the answer holds its secret, shown this once`,
          description: 'Idempotency-Key is not honoured here: profiled never stores the secret to replay it.',
          body: CredentialCreate,
          response: { 201: issuedCredentialSchema(spec), ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const issued = await credentials.issueCredential(
          request.core,
          tenantOf(request),
          spec.kind,
          { ...body, expiresAt: instantOrNull(body.expiresAt) },
          { settings, grantable: request.principal.scopes },
        );
        return reply
          .code(201)
          .header('location', `${spec.path}/${issued.credential.id}`)
          .header('cache-control', 'no-store')
          .send({ ...represent(spec, issued.credential), [spec.secretField]: issued.secret });
      },
    );

    api.get(
      `${spec.path}/:id`,
      {
        config: { scope: 'credentials:read' },
        schema: {
          tags,
          summary: `Get a ${spec.noun}`,
          params: IdParams,
          response: { 200: ref, ...errors(401, 403, 404) },
        },
      },
      async (request) =>
        represent(
          spec,
          await credentials.getCredential(request.core, tenantOf(request), spec.kind, request.params.id),
        ),
    );

    api.patch(
      `${spec.path}/:id`,
      {
        config: { scope: 'credentials:write' },
        schema: {
          tags,
          summary: `Rename a ${spec.noun}, change its scopes (within yours) or its expiry`,
          params: IdParams,
          body: CredentialPatch,
          response: { 200: ref, ...errors(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request) => {
        const { expiresAt, ...rest } = request.body;
        const credential = await credentials.updateCredential(
          request.core,
          tenantOf(request),
          spec.kind,
          request.params.id,
          { ...rest, expiresAt: instantOrNull(expiresAt) },
          request.principal.scopes,
        );
        return represent(spec, credential);
      },
    );

    api.delete(
      `${spec.path}/:id`,
      {
        config: { scope: 'credentials:write' },
        schema: {
          tags,
          summary: `Revoke a ${spec.noun} (at once; it stays listed with its revokedAt)`,
          params: IdParams,
          response: { 200: ref, ...errors(401, 403, 404) },
        },
      },
      async (request) =>
        represent(
          spec,
          await credentials.revokeCredential(request.core, tenantOf(request), spec.kind, request.params.id),
        ),
    );
  }

  api.put(
    '/v1/users/:id/password',
    {
      config: { scope: 'credentials:write' },
      schema: {
        tags,
        summary: "Set a user's password and the scopes their sessions may have; revokes their sessions",
        params: IdParams,
        body: PasswordSet,
        response: { 200: PasswordChanged, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const held = request.principal.scopes;
      return setPassword(request.core, settings, tenantOf(request), request.params.id, {
        password: request.body.password,
        scopes: request.body.scopes ?? [...held],
        grantable: held,
      });
    },
  );
}
