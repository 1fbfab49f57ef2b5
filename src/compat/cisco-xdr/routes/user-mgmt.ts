import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { asDomainError } from '../../../core/error-translation.js';
import { DomainError } from '../../../core/errors.js';
import { findUsersById, getUser, listUsers, updateUser } from '../../../core/services/user.service.js';
import { callerOf, toCiscoUsers } from '../accounts.js';
import { ciscoErrors } from '../errors.js';
import { ciscoSecurity, tags, type CiscoRoutes } from '../route-config.js';
import {
  AccountUpdate,
  BatchQuery,
  CiscoUser,
  SearchAnswer,
  SearchCriteria,
  SearchQuery,
  sortFields,
  UserIdParams,
} from '../schemas.js';
import { DEFAULT_ROLE, toAccountPatch } from '../user.mapper.js';

const DEFAULT_PAGE = 20;

/** The free text is looked for in these fields, ignoring case. */
const textFields = ['email', 'username', 'displayName', 'givenName', 'familyName', 'nickname'];

/** Search criteria as one profiled filter; values are quoted as JSON, so no criterion can escape it. */
function filterOf(criteria: Static<typeof SearchCriteria>): string | undefined {
  const quoted = (value: string) => JSON.stringify(value);
  const terms: string[] = [];
  if (criteria.query !== undefined && criteria.query.trim() !== '') {
    const text = quoted(criteria.query.trim());
    terms.push(`(${textFields.map((field) => `${field} co ${text}`).join(' or ')})`);
  }
  if (criteria.role !== undefined) {
    const roles = [criteria.role].flat();
    // An account without a role shows the default one, and is found by it.
    const none = roles.includes(DEFAULT_ROLE) ? [`role eq null`] : [];
    terms.push(`(${[...roles.map((role) => `role eq ${quoted(role)}`), ...none].join(' or ')})`);
  }
  if (criteria['enabled?'] !== undefined) terms.push(`enabled eq ${criteria['enabled?']}`);
  if (criteria['user-email'] !== undefined) terms.push(`email eq ${quoted(criteria['user-email'])}`);
  return terms.length === 0 ? undefined : terms.join(' and ');
}

/** A cursor refused is Cisco's `search_after` refused, and named so. */
async function searchAfterNamed<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const domain = asDomainError(error);
    if (domain?.code !== 'query.invalid_cursor') throw error;
    throw new DomainError(domain.code, domain.message, [
      { pointer: '/search_after', detail: domain.message, rule: 'cursor' },
    ]);
  }
}

/** The accounts of the caller's org, as Cisco's user-mgmt API and its Python module call them. */
export function userMgmtRoutes(app: FastifyInstance, cisco: CiscoRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.users, security: ciscoSecurity };

  api.get(
    '/iroh/user-mgmt/users/:id',
    {
      config: cisco.config('users:read'),
      schema: {
        ...schema,
        summary: 'An account of your org',
        params: UserIdParams,
        response: { 200: CiscoUser, ...ciscoErrors(400, 404) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const [user] = await toCiscoUsers(core, acting, [await getUser(core, acting, request.params.id)]);
      return user!;
    },
  );

  api.post(
    '/iroh/user-mgmt/users/:id',
    {
      config: cisco.config('users:write'),
      schema: {
        ...schema,
        summary: 'Update an account of your org (role, enabled?, names); admins only',
        description:
          'Only an admin may update accounts, and never their own role or `enabled?`. Names follow the rules of POST /iroh/profile/user. Answers the account as it now is.',
        params: UserIdParams,
        body: AccountUpdate,
        response: { 200: CiscoUser, ...ciscoErrors(400, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, params, principal, body } = request;
      // Cisco's user management is its admins': others, whatever their scopes, change no account.
      const caller = await callerOf(core, principal);
      if (!caller.isAdmin)
        throw new DomainError('auth.scope_missing', 'only an admin (role admin) may update accounts');
      const own = principal.userId === params.id;
      if (own && (body.role !== undefined || body['enabled?'] !== undefined)) {
        throw new DomainError(
          'auth.scope_missing',
          'an admin cannot change their own role or enabled? (ask another admin)',
        );
      }
      const patch = toAccountPatch(body);
      const user =
        Object.keys(patch).length === 0
          ? await getUser(core, acting, params.id)
          : await updateUser(core, acting, params.id, patch);
      const [account] = await toCiscoUsers(core, acting, [user]);
      return account!;
    },
  );

  api.get(
    '/iroh/user-mgmt/batch/users',
    {
      config: cisco.config('users:read'),
      schema: {
        ...schema,
        summary: 'Several accounts of your org by id (?id=a&id=b); ids not found are left out',
        querystring: BatchQuery,
        response: { 200: { type: 'array', items: CiscoUser }, ...ciscoErrors(400) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      return toCiscoUsers(core, acting, await findUsersById(core, acting, request.query.id));
    },
  );

  api.post(
    '/iroh/user-mgmt/search/users',
    {
      config: cisco.config('users:read'),
      // No body at all (a bare POST) is no criteria, as `{}` is.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...schema,
        summary: 'Search the accounts of your org',
        description: `The body holds the criteria (all optional, all must hold): \`query\` (free text), \`role\` (one or several), \`enabled?\`, \`user-email\`. Pages by \`search_after\` (from the previous answer) and/or \`offset\`; \`limit\` default ${DEFAULT_PAGE}. Sorted by \`sort_by\` (default: username), then id.`,
        querystring: SearchQuery,
        body: SearchCriteria,
        response: { 200: SearchAnswer, ...ciscoErrors(400, 413, 415) },
      },
    },
    async (request) => {
      const { core, acting, query } = request;
      const offset = query.offset ?? 0;
      const limit = query.limit ?? DEFAULT_PAGE;
      const filter = filterOf(request.body);
      const by = query.sort_by === undefined ? 'username' : sortFields[query.sort_by];
      const sort = `${query.sort_order === 'desc' ? '-' : ''}${by}`;
      const page = await searchAfterNamed(
        listUsers(core, acting, {
          limit,
          skip: offset,
          includeTotal: true,
          ...(filter !== undefined && { filter }),
          sort,
          ...(query.search_after !== undefined && { cursor: query.search_after }),
        }),
      );
      return {
        users: await toCiscoUsers(core, acting, page.rows),
        total: page.total ?? 0,
        offset,
        limit,
        search_after: page.nextCursor,
      };
    },
  );
}
