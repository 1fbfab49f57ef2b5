import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TObject, type TSchema } from 'typebox';
import type { OAuthError } from '../../auth/oauth.service.js';
import { declareInputErrors } from '../../http/plugins/input-errors.js';
import { issuesOf, problemOf } from '../../http/problem.js';
import type { FieldIssue } from '../../core/errors.js';

/** An error as every API classifies it, whatever body the vendor wraps it in. */
export interface ErrorFacts {
  status: number;
  /** profiled's stable code (`profile.not_found`), or an OAuth error code on token endpoints. */
  code: string;
  /** What went wrong, for a person. */
  detail: string;
  requestId: string;
  /** Field-level issues, with the rule each breaks, for vendors that list them by field. */
  issues?: readonly FieldIssue[];
}

export interface VendorErrorBody<Body extends TObject> {
  /** The vendor's error body, with the `$id` its routes refer to. */
  schema: Body;
  /** The vendor's body for an error. */
  body: (error: ErrorFacts) => Static<Body>;
  /** WWW-Authenticate of a 401: the schemes the API takes (RFC 9110). */
  challenge: string;
  /** The status the vendor answers the error with, when it is not profiled's (NCP: a 403 is a 401). */
  statusOf?: (error: ErrorFacts) => number;
}

export interface ErrorShape {
  /** Register on the app, so `$ref`s to it resolve everywhere (and the OpenAPI lists it). */
  schema: TSchema;
  /** A route's error responses in this shape: the given statuses, plus 401 and 403. */
  responses: (...statuses: number[]) => Record<number, TSchema>;
  /**
   * Answers every error of the routes in `app`'s scope (the API's own plugin) in this shape, and
   * declares 400 on each that validates input (see declareInputErrors).
   */
  register: (app: FastifyInstance) => void;
  /** Sends one error in this shape. */
  send: (reply: FastifyReply, error: ErrorFacts) => FastifyReply;
  /** Sends an OAuth error of a token endpoint in this shape (its code is the OAuth error). */
  sendOAuth: (reply: FastifyReply, error: OAuthError, request: FastifyRequest) => FastifyReply;
}

/**
 * A vendor's error body over the one classification of errors (http/problem.ts problemOf): the
 * same code and status as the native API, in the vendor's shape.
 */
export function errorShape<Body extends TObject>(vendor: VendorErrorBody<Body>): ErrorShape {
  const id = (vendor.schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('a vendor error body needs a $id');
  const ref = Type.Ref(id);
  const send = (reply: FastifyReply, error: ErrorFacts) => {
    const status = vendor.statusOf?.(error) ?? error.status;
    if (status === 401) void reply.header('www-authenticate', vendor.challenge);
    return reply.code(status).type('application/json').send(vendor.body(error));
  };
  return {
    schema: vendor.schema,
    responses: (...statuses) => Object.fromEntries([401, 403, ...statuses].map((s) => [s, ref])),
    register: (app) => {
      app.setErrorHandler((error, request, reply) =>
        send(reply, { ...problemOf(error, request), issues: issuesOf(error) }),
      );
      declareInputErrors(app, ref);
    },
    send,
    sendOAuth: (reply, error, request) =>
      send(reply.header('cache-control', 'no-store'), {
        status: error.status,
        code: error.error,
        detail: error.description,
        requestId: request.id,
      }),
  };
}
