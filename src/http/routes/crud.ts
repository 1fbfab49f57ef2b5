import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import type { Scope } from '../../auth/scopes.js';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { tenantOf } from '../plugins/acting-tenant.js';
import { expectedVersion, setETag } from '../plugins/etag.js';
import { CreateHeaders, errors, IdParams, IfMatchHeaders, ListQuery, PageOf } from '../schemas/common.js';
import { listParams, pageBody } from './list.js';

/** The core operations behind a tenant-owned resource. */
export interface CrudService<T extends { id: string; version: number }, C, P> {
  list: (ctx: CoreContext, tenant: ActingTenant, params: ListParams) => Promise<Page<T>>;
  get: (ctx: CoreContext, tenant: ActingTenant, id: string) => Promise<T>;
  create: (ctx: CoreContext, tenant: ActingTenant, input: C) => Promise<T>;
  update: (
    ctx: CoreContext,
    tenant: ActingTenant,
    id: string,
    patch: P,
    expectedVersion?: number,
  ) => Promise<T>;
  remove: (ctx: CoreContext, tenant: ActingTenant, id: string, expectedVersion?: number) => Promise<void>;
}

export interface CrudRoutes<T extends { id: string; version: number }, C extends TSchema, P extends TSchema> {
  /** Collection path, e.g. /v1/users. */
  path: string;
  tag: string;
  /** Singular noun for summaries. */
  noun: string;
  /** The scopes that read and that write the resource. */
  scopes: { read: Scope; write: Scope };
  /** $id of the resource's registered schema. */
  schemaId: string;
  createBody: C;
  patchBody: P;
  service: CrudService<T, Static<C>, Static<P>>;
  represent: (item: T) => unknown;
}

/**
 * The five routes every tenant-owned resource has: list, create, get, patch, delete, with the
 * native API's conventions (filter/sort/cursor, ETag, If-Match, Idempotency-Key, problem+json).
 */
export function registerCrud<T extends { id: string; version: number }, C extends TSchema, P extends TSchema>(
  app: FastifyInstance,
  spec: CrudRoutes<T, C, P>,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ref = Type.Ref(spec.schemaId);
  const tags = [spec.tag];
  const { service, represent, noun } = spec;

  api.get(
    spec.path,
    {
      config: { scope: spec.scopes.read },
      schema: {
        tags,
        summary: `List ${noun}s of the acting tenant`,
        querystring: ListQuery,
        response: { 200: PageOf(ref), ...errors(400, 404) },
      },
    },
    async (request) =>
      pageBody(await service.list(request.core, tenantOf(request), listParams(request.query)), represent),
  );

  api.post(
    spec.path,
    {
      config: { scope: spec.scopes.write, idempotent: true },
      schema: {
        tags,
        summary: `Create a ${noun}`,
        headers: CreateHeaders,
        body: spec.createBody,
        response: { 201: ref, ...errors(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const item = await service.create(request.core, tenantOf(request), request.body as Static<C>);
      setETag(reply, item.version);
      return reply.code(201).header('location', `${spec.path}/${item.id}`).send(represent(item));
    },
  );

  api.get(
    `${spec.path}/:id`,
    {
      config: { scope: spec.scopes.read },
      schema: { tags, summary: `Get a ${noun}`, params: IdParams, response: { 200: ref, ...errors(404) } },
    },
    async (request, reply) => {
      const item = await service.get(request.core, tenantOf(request), request.params.id);
      setETag(reply, item.version);
      return represent(item);
    },
  );

  api.patch(
    `${spec.path}/:id`,
    {
      config: { scope: spec.scopes.write },
      schema: {
        tags,
        summary: `Change a ${noun} (the fields given replace the stored ones)`,
        params: IdParams,
        headers: IfMatchHeaders,
        body: spec.patchBody,
        response: { 200: ref, ...errors(400, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const item = await service.update(
        request.core,
        tenantOf(request),
        request.params.id,
        request.body as Static<P>,
        expectedVersion(request),
      );
      setETag(reply, item.version);
      return represent(item);
    },
  );

  api.delete(
    `${spec.path}/:id`,
    {
      config: { scope: spec.scopes.write },
      schema: {
        tags,
        summary: `Delete a ${noun}`,
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errors(404, 412) },
      },
    },
    async (request, reply) => {
      await service.remove(request.core, tenantOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
}
