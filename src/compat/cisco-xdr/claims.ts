import type { ExtraClaims } from '../../auth/oauth.service.js';
import type { CoreContext } from '../../core/context.js';
import { getTenant, wholeInstallation } from '../../core/services/tenant.service.js';
import { getUser } from '../../core/services/user.service.js';
import { ciscoWordsFor } from './scopes.js';

const claim = (name: string) => `https://schemas.cisco.com/iroh/identity/claims/${name}`;

/** The IROH claims version profiled's Cisco tokens follow (that of Cisco's documented sample). */
export const CLAIMS_VERSION = 'v1.20.0';

/** How Cisco names the way a token was obtained (its `oauth/kind` claim). */
const kinds = {
  client_credentials: 'client-creds',
  refresh_token: 'session-token',
  password: 'session-token',
} as const;

/**
 * Cisco's claims on a token, with the values of the acting user, org and client: a client made for
 * a user acts as that user; one made for nobody is its own user (its id and name stand in).
 */
export function ciscoClaims(ctx: CoreContext): ExtraClaims {
  return async ({ credential, clientId, scopes, grant }) => {
    const tenant = await getTenant(ctx, wholeInstallation, credential.tenantId);
    const user =
      credential.userId === null
        ? undefined
        : await getUser(ctx, { id: tenant.id, path: '' }, credential.userId);
    const clientName = credential.kind === 'oauth_client' ? credential.name : clientId;
    const email = user?.email ?? undefined;
    const nick = user ? (user.nickname ?? user.displayName ?? user.username) : clientName;
    return {
      nbf: Math.floor(ctx.now() / 1000),
      ...(email !== undefined && { email }),
      [claim('version')]: CLAIMS_VERSION,
      [claim('user/id')]: user?.id ?? clientId,
      ...(email !== undefined && { [claim('user/email')]: email }),
      [claim('user/nick')]: nick,
      [claim('user/scopes')]: ciscoWordsFor(credential.scopes),
      [claim('org/id')]: tenant.id,
      [claim('org/name')]: tenant.name,
      [claim('scopes')]: ciscoWordsFor(scopes),
      [claim('oauth/client/id')]: clientId,
      [claim('oauth/client/name')]: clientName,
      [claim('oauth/kind')]: kinds[grant],
    };
  };
}
