import { useEffect, useRef, useState } from 'react';
import { oneOfChunks } from '../lib/scim-filter.js';
import { useSession } from '../session.js';

export type NamedKind = 'users' | 'profiles';

/**
 * The names of the users (username) or profiles (name) a page refers to by id, looked up in a
 * few filtered list requests (`id eq ... or ...`), never one request per id. Ids the acting
 * tenant cannot see stay unnamed. Each id is asked for once while the session stays the same.
 */
export function useIdNames(kind: NamedKind, ids: readonly string[]): ReadonlyMap<string, string> {
  const { api } = useSession();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const asked = useRef(new Set<string>());
  const apiRef = useRef(api);
  if (apiRef.current !== api) {
    apiRef.current = api;
    asked.current = new Set();
  }
  const wantedKey = [...new Set(ids)]
    .filter((id) => !asked.current.has(id))
    .sort()
    .join(',');
  useEffect(() => {
    if (wantedKey === '') return;
    const wanted = wantedKey.split(',');
    for (const id of wanted) asked.current.add(id);
    // Not cancelled when the ids change: these were asked for once, and their names stay good.
    void Promise.all(
      oneOfChunks('id', wanted).map(async (filter) => {
        if (kind === 'users') {
          const { data } = await api.get('/v1/users', { params: { query: { filter, limit: 200 } } });
          return data.items.map((user) => [user.id, user.username] as const);
        }
        const { data } = await api.get('/v1/profiles', { params: { query: { filter, limit: 200 } } });
        return data.items.map((profile) => [profile.id, profile.name] as const);
      }),
    )
      .then((found) => {
        if (apiRef.current === api) setNames((known) => new Map([...known, ...found.flat()]));
      })
      // A name is a convenience: without it the id is shown.
      .catch(() => undefined);
  }, [api, kind, wantedKey]);
  return names;
}

/** A short form of an id: its end, where UUIDv7 ids (time first) differ most. */
export const shortId = (id: string): string => (id.length > 12 ? `…${id.slice(-8)}` : id);

export const nameOr = (names: ReadonlyMap<string, string>, id: string): string =>
  names.get(id) ?? shortId(id);
