import { createProfiled, type Profiled, type paths } from '@profiled/sdk';
import { createContext, useContext, type ReactNode } from 'react';

export type WhoAmI = paths['/v1/whoami']['get']['responses'][200]['content']['application/json'];

/** Who is signed in, how the console calls the API for them, and the tenant it acts in. */
export interface Session {
  /** The API client, acting in `tenant` (Target-Tenant) when one is chosen. */
  api: Profiled;
  whoami: WhoAmI;
  /** The tenant the console acts in: the credential's own unless the switcher chose another. */
  tenant: string;
  /** How the session was opened, shown in the header. */
  label: string;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Whether the credential was given `scope` (the console shows only what the scopes allow). */
export function useCan(scope: string): boolean {
  return useSession().whoami.scopes.includes(scope);
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** Where the API answers: the server that serves the console. */
export const apiBaseUrl = (): string => window.location.origin;

const storageKey = 'profiled.console.session';

interface StoredSession {
  token: string;
  label: string;
  tenant?: string;
}

/** Opens a session with a user's password (POST /v1/sessions); the token is kept for this tab. */
export async function signInWithPassword(
  tenant: string,
  username: string,
  password: string,
): Promise<Session> {
  const anonymous = createProfiled({ baseUrl: apiBaseUrl() });
  const { data } = await anonymous.post('/v1/sessions', { body: { tenant, username, password } });
  sessionStorage.setItem(storageKey, JSON.stringify({ token: data.token, label: `${username} (${tenant})` }));
  return sessionFor(
    createProfiled({ baseUrl: apiBaseUrl(), credentials: { token: data.token } }),
    `${username} (${tenant})`,
  );
}

/**
 * Signs in as an OAuth client (client credentials). The secret stays in memory only, so the SDK
 * can renew the token; a reload asks for it again.
 */
export async function signInWithClient(clientId: string, clientSecret: string): Promise<Session> {
  sessionStorage.removeItem(storageKey);
  return sessionFor(
    createProfiled({ baseUrl: apiBaseUrl(), credentials: { clientId, clientSecret } }),
    clientId,
  );
}

/** The session this tab opened before a reload, when its token still works. */
export async function restoreSession(): Promise<Session | undefined> {
  const stored = sessionStorage.getItem(storageKey);
  if (!stored) return undefined;
  try {
    const { token, label, tenant } = JSON.parse(stored) as StoredSession;
    const session = await sessionFor(
      createProfiled({ baseUrl: apiBaseUrl(), credentials: { token } }),
      label,
    );
    return tenant ? { ...session, api: session.api.inTenant(tenant), tenant } : session;
  } catch {
    sessionStorage.removeItem(storageKey);
    return undefined;
  }
}

/** The same session acting in another tenant (remembered for this tab). */
export function switchTenant(session: Session, tenant: string): Session {
  const stored = sessionStorage.getItem(storageKey);
  if (stored)
    sessionStorage.setItem(storageKey, JSON.stringify({ ...(JSON.parse(stored) as StoredSession), tenant }));
  return { ...session, api: session.api.inTenant(tenant), tenant };
}

export async function signOut(session: Session): Promise<void> {
  sessionStorage.removeItem(storageKey);
  if (session.whoami.kind === 'session')
    await session.api.delete('/v1/sessions/current').catch(() => undefined);
}

async function sessionFor(api: Profiled, label: string): Promise<Session> {
  const { data: whoami } = await api.get('/v1/whoami');
  return { api, whoami, tenant: whoami.actingTenantId, label };
}
