import type { Static } from 'typebox';
import type { Credential } from '../../auth/credential.js';
import { allScopes } from '../../auth/scopes.js';
import type { Instant } from '../../core/model/time.js';
import { toIso } from '../../core/model/time.js';
import type { User } from '../../core/model/user.js';
import type { UserPatch } from '../../core/schemas/user.schema.js';
import { nameRuleIssues, refuseIssues } from './name-rules.js';
import type { AccountUpdate, CiscoUser, OwnUserUpdate } from './schemas.js';
import { ciscoWordsFor } from './scopes.js';

type CiscoUserBody = Static<typeof CiscoUser>;

/** What an account shows beside its record: scopes (in profiled's names) and its last sign-in. */
export interface AccountFacts {
  scopes: readonly string[];
  lastLoggedAt: Instant | undefined;
}

/** The role an account without one shows (and is found by). */
export const DEFAULT_ROLE = 'user';

const fullName = (user: User) =>
  user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || user.username);

/** An account as Cisco shows it. */
export function toCiscoUser(user: User, facts: AccountFacts): CiscoUserBody {
  const { directory } = user;
  return {
    'user-id': user.id,
    'user-email': user.email,
    'user-name': fullName(user),
    'user-nick': user.nickname ?? user.username,
    'user-given-name': user.givenName,
    'user-family-name': user.familyName,
    role: user.role ?? DEFAULT_ROLE,
    scopes: ciscoWordsFor(facts.scopes),
    'org-id': user.tenantId,
    'enabled?': user.enabled,
    locale: user.locale,
    'created-at': toIso(user.createdAt),
    'updated-at': toIso(user.updatedAt),
    'last-logged-at': facts.lastLoggedAt === undefined ? null : toIso(facts.lastLoggedAt),
    'idp-mappings':
      directory.provider === null
        ? []
        : [
            {
              idp: directory.provider,
              'user-identity-id': directory.sid ?? user.username,
              'organization-id': user.tenantId,
              'enabled?': user.enabled,
            },
          ],
  };
}

/**
 * A credential that acts as no user (the bootstrap admin client, a demo reader) is its own user:
 * its public id and name stand in, and its role is `admin` when it holds every scope.
 */
export function credentialAsUser(credential: Credential, scopes: readonly string[]): CiscoUserBody {
  const created = toIso(credential.createdAt);
  return {
    'user-id': credential.publicId,
    'user-email': null,
    'user-name': credential.name,
    'user-nick': credential.name,
    'user-given-name': null,
    'user-family-name': null,
    role: allScopes.every((s) => credential.scopes.includes(s)) ? 'admin' : DEFAULT_ROLE,
    scopes: ciscoWordsFor(scopes),
    'org-id': credential.tenantId,
    'enabled?': true,
    locale: null,
    'created-at': created,
    'updated-at': created,
    'last-logged-at': credential.lastUsedAt === null ? null : toIso(credential.lastUsedAt),
    'idp-mappings': [],
  };
}

/** Your own profile's update (the password is handled apart); its names are checked by ownUpdateIssues. */
export function toOwnUserPatch(body: Static<typeof OwnUserUpdate>): UserPatch {
  return {
    ...(body['user-given-name'] !== undefined && { givenName: body['user-given-name'] }),
    ...(body['user-family-name'] !== undefined && { familyName: body['user-family-name'] }),
    ...(body['user-nick'] !== undefined && { nickname: body['user-nick'] }),
    ...(body.locale !== undefined && { locale: body.locale }),
    ...(body['user-email'] !== undefined && { email: body['user-email'] }),
  };
}

/** An administrator's update of an account of the org. */
export function toAccountPatch(body: Static<typeof AccountUpdate>): UserPatch {
  refuseIssues(nameRuleIssues(body));
  return {
    ...(body.role !== undefined && { role: body.role }),
    ...(body['enabled?'] !== undefined && { enabled: body['enabled?'] }),
    ...(body['user-given-name'] !== undefined && { givenName: body['user-given-name'] }),
    ...(body['user-family-name'] !== undefined && { familyName: body['user-family-name'] }),
    ...(body['user-nick'] !== undefined && { nickname: body['user-nick'] }),
    ...(body['user-name'] !== undefined && { displayName: body['user-name'] }),
  };
}
