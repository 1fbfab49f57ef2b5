import { DomainError } from '../../core/errors.js';

/** Who signs in, and where: a tenant (code or id) and a username in it. */
export interface Login {
  tenant: string;
  username: string;
}

/**
 * The tenant and username of an ARM login. `domain` names the tenant; without it the username
 * carries it, as Windows writes accounts: `DOMAIN\user` or `user@domain`. A username with neither
 * cannot be placed, and is refused rather than tried in some default tenant.
 */
export function loginOf(body: { username: string; domain?: string | undefined }): Login {
  const { username, domain } = body;
  if (domain !== undefined) return { tenant: domain, username };
  const slash = username.indexOf('\\');
  if (slash > 0 && slash < username.length - 1) {
    return { tenant: username.slice(0, slash), username: username.slice(slash + 1) };
  }
  const at = username.lastIndexOf('@');
  if (at > 0 && at < username.length - 1) {
    return { tenant: username.slice(at + 1), username: username.slice(0, at) };
  }
  throw new DomainError(
    'validation.failed',
    'say which tenant: send domain (a tenant code or id), or the username as DOMAIN\\user or user@domain',
    [{ pointer: '/body/domain', rule: 'required', detail: 'domain is required for a username without one' }],
  );
}
