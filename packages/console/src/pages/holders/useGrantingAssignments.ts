import { useEffect, useState } from 'react';
import { useSession } from '../../session.js';
import { grantingSources, type EffectiveAccess } from '../access/EffectiveAccessView.js';

export type GrantingSource = EffectiveAccess['sources'][number];

/**
 * Which assignments give each of a page's holders the capability: the holders answer names the
 * users only, so each holder's effective access at the same instant is asked for (one request
 * per holder shown, a page at a time) and its `grantedBy` matched to its sources.
 */
export function useGrantingAssignments(
  userIds: readonly string[],
  capability: string,
  at: string | undefined,
): ReadonlyMap<string, GrantingSource[]> {
  const { api, tenant } = useSession();
  const [found, setFound] = useState<ReadonlyMap<string, GrantingSource[]>>(new Map());
  const key = userIds.join(',');
  useEffect(() => {
    setFound(new Map());
    if (key === '' || at === undefined) return;
    let current = true;
    void Promise.all(
      key.split(',').map(async (id): Promise<[string, GrantingSource[]]> => {
        try {
          const { data } = await api.get('/v1/users/{id}/access', {
            params: { path: { id }, query: { tenant, at } },
          });
          const granted = data.capabilities.find((c) => c.capability === capability)?.grantedBy ?? [];
          return [id, grantingSources(data, granted)];
        } catch {
          // Shown as unknown: the holder is listed all the same.
          return [id, []];
        }
      }),
    ).then((pairs) => current && setFound(new Map(pairs)));
    return () => {
      current = false;
    };
  }, [api, tenant, key, capability, at]);
  return found;
}
