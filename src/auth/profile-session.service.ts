import type { ActingTenant, CoreContext } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import { profileNrn } from '../core/model/nrn.js';
import { getProfile } from '../core/services/profile.service.js';
import { roleNrnsOf } from '../core/services/role.service.js';
import { getTenant } from '../core/services/tenant.service.js';
import { issueAccessToken } from './access-token.js';
import type { AuthSettings } from './auth-settings.js';
import { issueCredential } from './credential.service.js';
import type { Principal } from './principal.js';

/** A profile's session duration when it sets none (NAVER Cloud's default). */
export const DEFAULT_ASSUMED_SECONDS = 3600;

export interface AssumedProfile {
  accessToken: string;
  expiresAt: number;
  durationSeconds: number;
  sessionId: string;
  profileId: string;
  profileNrn: string;
  roleNrnList: string[];
}

/**
 * Temporary credentials of an assumed profile (NAVER Cloud External Access): a session of the
 * caller's tenant standing for the profile, and an access token for it that lives the profile's
 * session duration and carries the NRNs of its catalog roles and no scope. A disabled profile
 * refuses (403); disabling or deleting it later stops the token at once (see authenticate.ts).
 * The session's creation is audited as every credential's is.
 */
export async function assumeProfile(
  ctx: CoreContext,
  settings: AuthSettings,
  principal: Principal,
  acting: ActingTenant,
  profileId: string,
): Promise<AssumedProfile> {
  const profile = await getProfile(ctx, acting, profileId);
  if (!profile.enabled) {
    throw new DomainError('profile.disabled', `profile "${profile.name}" is disabled: it cannot be assumed`);
  }
  const { accountNumber } = await getTenant(ctx, acting, profile.tenantId);
  const roleNrnList = await roleNrnsOf(ctx, acting, accountNumber, profile.roles);
  const durationSeconds = profile.sessionDurationSeconds ?? DEFAULT_ASSUMED_SECONDS;
  const now = ctx.now();
  const session = await issueCredential(
    ctx,
    acting,
    'session',
    {
      name: `assumed profile ${profile.name} (by ${principal.label})`,
      scopes: [],
      expiresAt: now + durationSeconds * 1000,
      assumedProfileId: profile.id,
    },
    { settings, grantable: principal.scopes },
  );
  const nrn = profileNrn(accountNumber, profile.id);
  const token = await issueAccessToken(
    settings.keys,
    { issuer: settings.issuer, ttlSeconds: durationSeconds },
    {
      credentialId: session.credential.id,
      subject: principal.userId ?? principal.label,
      tenantId: acting.id,
      scopes: [],
      extra: { profile: nrn, roles: roleNrnList },
    },
    now,
  );
  return {
    accessToken: token.token,
    expiresAt: token.expiresAt,
    durationSeconds,
    sessionId: session.credential.id,
    profileId: profile.id,
    profileNrn: nrn,
    roleNrnList,
  };
}
