import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import type { Scope } from '../../auth/scopes.js';
import type { ActingTenant, CoreContext } from '../../core/context.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { tenantOf } from '../plugins/acting-tenant.js';
import { expectedVersion, setETag } from '../plugins/etag.js';
import { CreateHeaders, errors, IdParams, IfMatchHeaders, ListQuery, PageOf } from '../schemas/common.js';
import { listParams, pageBody, representedOnce, sendSerializedOnce } from './list.js';

/** What a create answers: the item, and whether it is new (false: an existing one was updated). */
export interface CreateOutcome<T> {
  item: T;
  created: boolean;
}

/** For the resources whose create always creates. */
export const alwaysCreates =
  <A extends unknown[], T>(create: (...args: A) => Promise<T>) =>
  async (...args: A): Promise<CreateOutcome<T>> => ({ item: await create(...args), created: true });

/** The core operations behind a tenant-owned resource. */
export interface CrudService<T extends { id: string; version: number }, C, P, Q> {
  /** `query` is the whole query string, for a resource that selects by more than the filter. */
  list: (ctx: CoreContext, tenant: ActingTenant, params: ListParams, query: Q) => Promise<Page<T>>;
  get: (ctx: CoreContext, tenant: ActingTenant, id: string) => Promise<T>;
  create: (ctx: CoreContext, tenant: ActingTenant, input: C) => Promise<CreateOutcome<T>>;
  update: (
    ctx: CoreContext,
    tenant: ActingTenant,
    id: string,
    patch: P,
    expectedVersion?: number,
  ) => Promise<T>;
  remove: (ctx: CoreContext, tenant: ActingTenant, id: string, expectedVersion?: number) => Promise<void>;
}

export type CrudOperation = 'list' | 'create' | 'get' | 'update' | 'remove';

/** The error statuses each operation declares, unless a resource says otherwise. */
const defaultErrors: Record<CrudOperation, number[]> = {
  list: [400, 404],
  create: [400, 404, 409, 413, 415, 422],
  get: [404],
  update: [400, 404, 409, 412, 413, 415, 422],
  remove: [404, 412],
};

export interface CrudRoutes<
  T extends { id: string; version: number },
  C extends TSchema,
  P extends TSchema,
  Q extends TSchema = typeof ListQuery,
> {
  /** Collection path, e.g. /v1/users. */
  path: string;
  tag: string;
  /** Singular noun for summaries. */
  noun: string;
  /** Its indefinite article, when it is not `a`. */
  article?: 'an';
  /** The scopes that read and that write the resource. */
  scopes: { read: Scope; write: Scope };
  /** $id of the resource's registered schema. */
  schemaId: string;
  createBody: C;
  patchBody: P;
  /** The list's query string, when it selects by more than ListQuery (which it must include). */
  listQuery?: Q;
  /** The `:id` path parameter, when the resource is named otherwise (tenants: by id or code). */
  idParams?: TSchema;
  /**
   * Creating what exists updates it instead (assignments: re-assigning updates the window): the
   * create then answers 200 rather than 201, and declares both.
   */
  createMayUpdate?: boolean;
  /** Summaries that say more than the generic ones. */
  summaries?: Partial<Record<CrudOperation, string>>;
  /** Error statuses, for the operations whose differ from the generic ones. */
  errors?: Partial<Record<CrudOperation, number[]>>;
  service: CrudService<T, Static<C>, Static<P>, Static<Q>>;
  represent: (item: T) => unknown;
}

/**
 * The five routes every tenant-owned resource has: list, create, get, patch, delete, with the
 * native API's conventions (filter/sort/cursor, ETag, If-Match, Idempotency-Key, problem+json).
 */
export function registerCrud<
  T extends { id: string; version: number },
  C extends TSchema,
  P extends TSchema,
  Q extends TSchema = typeof ListQuery,
>(app: FastifyInstance, spec: CrudRoutes<T, C, P, Q>): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const ref = Type.Ref(spec.schemaId);
  const tags = [spec.tag];
  const { service, represent, noun } = spec;
  const a = `${spec.article ?? 'a'} ${noun}`;
  const summary = (operation: CrudOperation, generic: string) => spec.summaries?.[operation] ?? generic;
  const failures = (operation: CrudOperation) =>
    errors(...(spec.errors?.[operation] ?? defaultErrors[operation]));
  const params = spec.idParams ?? IdParams;

  api.get(
    spec.path,
    {
      config: { scope: spec.scopes.read },
      schema: {
        tags,
        summary: summary('list', `List ${noun}s of the acting tenant`),
        querystring: spec.listQuery ?? ListQuery,
        response: { 200: PageOf(ref), ...failures('list') },
      },
    },
    async (request, reply) => {
      const query = request.query as Static<Q>;
      const page = await service.list(request.core, tenantOf(request), listParams(query), query);
      return sendSerializedOnce(reply, pageBody(page, represent));
    },
  );

  api.post(
    spec.path,
    {
      config: { scope: spec.scopes.write, idempotent: true },
      schema: {
        tags,
        summary: summary('create', `Create ${a}`),
        headers: CreateHeaders,
        body: spec.createBody,
        response: { 201: ref, ...(spec.createMayUpdate && { 200: ref }), ...failures('create') },
      },
    },
    async (request, reply) => {
      const { item, created } = await service.create(
        request.core,
        tenantOf(request),
        request.body as Static<C>,
      );
      setETag(reply, item.version);
      if (created) void reply.code(201).header('location', `${spec.path}/${item.id}`);
      return reply.send(represent(item));
    },
  );

  api.get(
    `${spec.path}/:id`,
    {
      config: { scope: spec.scopes.read },
      schema: {
        tags,
        summary: summary('get', `Get ${a}`),
        params,
        response: { 200: ref, ...failures('get') },
      },
    },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const item = await service.get(request.core, tenantOf(request), id);
      setETag(reply, item.version);
      return sendSerializedOnce(reply, representedOnce(item, represent));
    },
  );

  api.patch(
    `${spec.path}/:id`,
    {
      config: { scope: spec.scopes.write },
      schema: {
        tags,
        summary: summary('update', `Change ${a} (the fields given replace the stored ones)`),
        params,
        headers: IfMatchHeaders,
        body: spec.patchBody,
        response: { 200: ref, ...failures('update') },
      },
    },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      const item = await service.update(
        request.core,
        tenantOf(request),
        id,
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
        summary: summary('remove', `Delete ${a}`),
        params,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...failures('remove') },
      },
    },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>;
      await service.remove(request.core, tenantOf(request), id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
}
