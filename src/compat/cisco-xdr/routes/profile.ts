import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  hashNewPassword,
  loginScopes,
  storePassword,
  type PasswordChange,
} from '../../../auth/password.service.js';
import { DomainError, type FieldIssue } from '../../../core/errors.js';
import { checkPassword } from '../../../auth/password-rules.js';
import { nameRuleIssues, refuseIssues } from '../name-rules.js';
import { getTenant, updateTenantFrom } from '../../../core/services/tenant.service.js';
import { listUsersByOffset } from '../../../core/services/user-listing.service.js';
import { getUser, updateUser } from '../../../core/services/user.service.js';
import { inTransaction } from '../../../core/transaction.js';
import type { CompatDependencies } from '../../kit/compat-api.js';
import { callerOf, toCiscoUsers } from '../accounts.js';
import { ciscoErrors } from '../errors.js';
import { toCiscoOrg, toTenantPatch } from '../org.mapper.js';
import { ciscoSecurity, tags, type CiscoRoutes } from '../route-config.js';
import {
  CiscoOrg,
  CiscoUser,
  OrgUpdate,
  OwnUserUpdate,
  OwnUserUpdated,
  ScopesAnswer,
  UsersPage,
  UsersPageQuery,
  WhoAmI,
} from '../schemas.js';
import { ciscoScopes, ciscoWordsFor } from '../scopes.js';
import { toOwnUserPatch } from '../user.mapper.js';

const DEFAULT_PAGE = 20;

/** What is wrong with a new password by profiled's rules, as a field issue; none when it is fine. */
function passwordIssues(deps: CompatDependencies, password: string, username: string): FieldIssue[] {
  try {
    checkPassword(deps.auth.passwordRules, password, username);
    return [];
  } catch (error) {
    if (error instanceof DomainError && error.code === 'password.rule_violated') {
      return [{ pointer: '/password', detail: error.message, rule: 'password' }];
    }
    throw error;
  }
}

/** Your own identity, profile and org; the other accounts of the org; the token's scopes. */
export function profileRoutes(app: FastifyInstance, cisco: CiscoRoutes, deps: CompatDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profile, security: ciscoSecurity };

  api.get(
    '/iroh/profile/whoami',
    {
      config: cisco.config(null),
      schema: {
        ...schema,
        summary: 'Who the token acts as, and their org',
        description:
          'A client made for a user acts as that user; one made for no user describes itself. Needs any valid token.',
        response: { 200: WhoAmI, ...ciscoErrors() },
      },
    },
    async (request) => {
      const { core, principal } = request;
      const caller = await callerOf(core, principal);
      const org = await getTenant(core, principal.tenant, principal.tenant.id);
      return { user: caller.body, org: toCiscoOrg(org, caller.isAdmin) };
    },
  );

  api.get(
    '/iroh/profile/org',
    {
      config: cisco.config('tenants:read'),
      schema: { ...schema, summary: 'Your org', response: { 200: CiscoOrg, ...ciscoErrors() } },
    },
    async (request) => {
      const { core, principal } = request;
      const caller = await callerOf(core, principal);
      return toCiscoOrg(await getTenant(core, principal.tenant, principal.tenant.id), caller.isAdmin);
    },
  );

  api.post(
    '/iroh/profile/org',
    {
      config: cisco.config('tenants:write'),
      schema: {
        ...schema,
        summary: 'Update your org (name, address, settings, allow-all-role-to-login)',
        description:
          'A key that does not exist or may not be changed is 400 `{"errors": {"<key>": "disallowed-key"}}`. Only an admin may change `allow-all-role-to-login`.',
        body: OrgUpdate,
        response: { 200: CiscoOrg, ...ciscoErrors(400, 413, 415) },
      },
    },
    async (request) => {
      const { core, principal, body } = request;
      const caller = await callerOf(core, principal);
      if (body['allow-all-role-to-login'] !== undefined && !caller.isAdmin) {
        throw new DomainError(
          'auth.scope_missing',
          'only an admin (role admin) may change allow-all-role-to-login',
        );
      }
      const org = principal.tenant;
      const after = await updateTenantFrom(core, org, org.id, (current) => toTenantPatch(body, current));
      return toCiscoOrg(after, caller.isAdmin);
    },
  );

  api.get(
    '/iroh/profile/user',
    {
      config: cisco.config('users:read'),
      schema: { ...schema, summary: 'Your own profile', response: { 200: CiscoUser, ...ciscoErrors() } },
    },
    async (request) => (await callerOf(request.core, request.principal)).body,
  );

  api.post(
    '/iroh/profile/user',
    {
      config: cisco.config('users:write'),
      schema: {
        ...schema,
        summary: 'Update your own profile (names, nickname, locale, email, password)',
        description:
          'First name of 2 letters or more, last name of 1 or more, letters only; a valid email; the password rules of profiled. Each broken rule is named in `errors`. A password change logs you out: every session, token, key and client acting as you is revoked in the same request, and the answer says how many.',
        body: OwnUserUpdate,
        response: { 200: OwnUserUpdated, ...ciscoErrors(400, 409, 413, 415) },
      },
    },
    async (request) => {
      const { core, principal, body } = request;
      const tenant = principal.tenant;
      const userId = principal.userId;
      if (userId === null) {
        throw new DomainError(
          'validation.failed',
          'this token acts as no user, so it has no profile to update: make the API client for a user (profiled clients create --user)',
        );
      }
      const { password } = body;
      const { username } = await getUser(core, tenant, userId);
      // Every broken rule in one answer: the names', the email's and the password's.
      refuseIssues([
        ...nameRuleIssues(body),
        ...(password === undefined ? [] : passwordIssues(deps, password, username)),
      ]);
      const patch = toOwnUserPatch(body);
      const passwordHash =
        password === undefined ? undefined : await hashNewPassword(deps.auth, password, username);
      const change = await inTransaction(core, async (tx): Promise<PasswordChange | undefined> => {
        if (Object.keys(patch).length > 0) await updateUser(tx, tenant, userId, patch);
        if (passwordHash === undefined) return undefined;
        const scopes = (await loginScopes(tx, tenant, [userId])).get(userId) ?? principal.scopes;
        return storePassword(tx, tenant, userId, { passwordHash, scopes });
      });
      const [user] = await toCiscoUsers(core, tenant, [await getUser(core, tenant, userId)]);
      return {
        ...user!,
        scopes: ciscoWordsFor(principal.scopes),
        ...(change && {
          'logged-out?': true,
          'revoked-sessions': change.revokedSessions,
          'revoked-credentials': change.revokedCredentials,
        }),
      };
    },
  );

  api.get(
    '/iroh/profile/users',
    {
      config: cisco.config('users:read'),
      schema: {
        ...schema,
        summary: 'The other accounts of your org (a path of profiled: Cisco does not publish its own)',
        description: `Ordered by username; \`offset\` from 0, \`limit\` default ${DEFAULT_PAGE}.`,
        querystring: UsersPageQuery,
        response: { 200: UsersPage, ...ciscoErrors(400) },
      },
    },
    async (request) => {
      const { core, principal, query } = request;
      const offset = query.offset ?? 0;
      const limit = query.limit ?? DEFAULT_PAGE;
      const others = principal.userId === null ? undefined : `id ne ${JSON.stringify(principal.userId)}`;
      const page = await listUsersByOffset(core, principal.tenant, {
        offset,
        limit,
        includeTotal: true,
        ...(others !== undefined && { filter: others }),
      });
      return {
        users: await toCiscoUsers(core, principal.tenant, page.rows),
        total: page.total ?? 0,
        offset,
        limit,
      };
    },
  );

  api.get(
    '/iroh/profile/scopes',
    {
      config: cisco.config(null),
      schema: {
        ...schema,
        summary: "The scopes of this token, in Cisco's words, each with what it allows (a path of profiled)",
        response: { 200: ScopesAnswer, ...ciscoErrors() },
      },
    },
    async (request) =>
      ciscoWordsFor(request.principal.scopes).map((scope) => ({
        scope,
        description: ciscoScopes[scope].description,
      })),
  );
}
