import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ActingTenant, CoreContext } from '../../../core/context.js';
import { DomainError } from '../../../core/errors.js';
import type { User } from '../../../core/model/user.js';
import { getUserByAccountRef } from '../../../core/services/user.service.js';
import { groupsOfUsers } from '../../../core/services/user-listing.service.js';
import { groupAccount, groupIndexOf, namedGroupAccount } from '../account.mapper.js';
import { AccountModel, AccountQuery } from '../account.schemas.js';
import { attributeNames } from '../attribute-names.js';
import { armErrors } from '../errors.js';
import { attributeTemplate } from '../form-template.js';
import { AttributeTemplate } from '../form.schemas.js';
import { armSecurity, PROFILES, tags, type ArmRoutes } from '../route-config.js';

/**
 * The account `accountId` names (its SerializedAccountId, Guid or Sid) in `provider`. An account whose directory names another provider
 * is not found, as ARM finds accounts per provider; one with no provider is found in any.
 */
async function accountOf(
  ctx: CoreContext,
  tenant: ActingTenant,
  query: { accountId: string; provider: string },
): Promise<User> {
  const user = await getUserByAccountRef(ctx, tenant, query.accountId);
  const provider = user.directory.provider;
  if (provider !== null && provider.toLowerCase() !== query.provider.toLowerCase()) {
    throw new DomainError(
      'user.not_found',
      `account ${query.accountId} is not an account of ${query.provider}`,
    );
  }
  return user;
}

/** The groups of an account, the LDAP attributes profiles may require, and an account's values. */
export function accountRoutes(app: FastifyInstance, arm: ArmRoutes): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { tags: tags.profiles, security: armSecurity };

  api.get(
    `${PROFILES}/GroupsByAccount`,
    {
      config: arm.config('users:read'),
      schema: {
        ...schema,
        summary: "An account's groups: those its directory reports, and the groups it is a member of",
        querystring: AccountQuery,
        response: { 200: Type.Array(AccountModel), ...armErrors(404) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const user = await accountOf(core, acting, request.query);
      const [index, memberships] = await Promise.all([
        groupIndexOf(core, acting),
        groupsOfUsers(core, acting, [user.id]),
      ]);
      const accounts = new Map<string, ReturnType<typeof groupAccount>>();
      for (const name of user.directory.actualGroups) {
        const record = index.byName(name);
        const provider = user.directory.provider;
        accounts.set(
          name.toLowerCase(),
          record ? groupAccount(record) : namedGroupAccount({ name, provider, sid: null }),
        );
      }
      for (const group of memberships.get(user.id) ?? []) {
        // A group a sync found gone from its directory is no group of the account any more.
        if (group.vanishedAt !== null || accounts.has(group.name.toLowerCase())) continue;
        accounts.set(group.name.toLowerCase(), groupAccount(group));
      }
      return [...accounts.values()];
    },
  );

  api.get(
    `${PROFILES}/Attributes`,
    {
      config: arm.config('profiles:read'),
      schema: {
        ...schema,
        summary:
          "The LDAP attributes a profile may require: those the tenant's directories read, and those profiles require",
        response: { 200: AttributeTemplate, ...armErrors() },
      },
    },
    async (request) => attributeTemplate(await attributeNames(request.core, request.acting)),
  );

  api.get(
    `${PROFILES}/AttributesByAccount`,
    {
      config: arm.config('users:read'),
      schema: {
        ...schema,
        summary: 'The attribute template, filled with the values the directory reports for an account',
        querystring: AccountQuery,
        response: { 200: AttributeTemplate, ...armErrors(404) },
      },
    },
    async (request) => {
      const { core, acting } = request;
      const user = await accountOf(core, acting, request.query);
      return attributeTemplate(await attributeNames(core, acting), user.directory.actualAttributes);
    },
  );
}
