import { useEffect, useState } from 'react';
import { switchTenant, useSession, type Session } from './session.js';
import { tenantTree, type TenantNode, type TreeTenant } from './tenant-tree.js';

interface TenantOption {
  id: string;
  label: string;
}

/**
 * Chooses the tenant the console acts in: the credential's own tenant and every tenant below it
 * (GET /v1/tenants lists that subtree), drawn as an indented tree.
 */
export function TenantSwitcher({ onSwitch }: { onSwitch: (session: Session) => void }) {
  const session = useSession();
  const [options, setOptions] = useState<TenantOption[]>([]);
  useEffect(() => {
    const home = session.api.inTenant(undefined);
    void home
      .list('/v1/tenants', { limit: 200 })
      .all()
      .then((tenants) => setOptions(treeOrder(tenants)))
      .catch(() => setOptions([]));
  }, [session.api]);
  if (options.length === 0) return null;
  return (
    <label className="tenant-switcher">
      Tenant{' '}
      <select
        value={session.tenant}
        onChange={(event) => onSwitch(switchTenant(session, event.target.value))}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Tenants parent first, children indented under their parent, by name. */
export function treeOrder(tenants: readonly TreeTenant[]): TenantOption[] {
  const ordered: TenantOption[] = [];
  const visit = (nodes: TenantNode<TreeTenant>[], depth: number) => {
    for (const { tenant, children } of nodes) {
      ordered.push({
        id: tenant.id,
        label: `${'\u00a0\u00a0'.repeat(depth)}${tenant.name} (${tenant.code})`,
      });
      visit(children, depth + 1);
    }
  };
  visit(tenantTree(tenants), 0);
  return ordered;
}
