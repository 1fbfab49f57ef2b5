import { clause } from '../lib/scim-filter.js';
import { useSession } from '../session.js';
import { EntitySearch, type Found } from './EntitySearch.js';

/** Picks a user of the acting tenant by username, display name or email. */
export function UserSearch({
  label = 'User',
  picked,
  onPick,
}: {
  label?: string;
  picked: Found | undefined;
  onPick: (user: Found | undefined) => void;
}) {
  const { api } = useSession();
  const search = async (text: string) => {
    const filter = [
      clause('username', 'sw', text),
      clause('displayName', 'co', text),
      clause('email', 'sw', text),
    ].join(' or ');
    const { data } = await api.get('/v1/users', {
      params: { query: { filter, limit: 10, sort: 'username' } },
    });
    return data.items.map((user) => ({
      id: user.id,
      name: user.username,
      detail: user.displayName ?? undefined,
    }));
  };
  return <EntitySearch label={label} noun="users" picked={picked} onPick={onPick} search={search} />;
}

/** Picks a profile of the acting tenant by name. */
export function ProfileSearch({
  label = 'Profile',
  picked,
  onPick,
}: {
  label?: string;
  picked: Found | undefined;
  onPick: (profile: Found | undefined) => void;
}) {
  const { api } = useSession();
  const search = async (text: string) => {
    const filter = clause('name', 'co', text);
    const { data } = await api.get('/v1/profiles', {
      params: { query: { filter, limit: 10, sort: 'name' } },
    });
    return data.items.map((profile) => ({
      id: profile.id,
      name: profile.name,
      detail: profile.description || undefined,
    }));
  };
  return <EntitySearch label={label} noun="profiles" picked={picked} onPick={onPick} search={search} />;
}
