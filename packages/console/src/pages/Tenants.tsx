import type { Schema } from '@profiled/sdk';
import { Link } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Loading } from '../components/Loading.js';
import { useLoad } from '../components/useLoad.js';
import { useSession } from '../session.js';
import { tenantTree, type TenantNode } from '../tenant-tree.js';

/**
 * The tenants of the acting tenant's subtree, drawn as a tree. A tenant tree is small (an
 * organization's units, not its users), so it is read whole, page after page.
 */
export function Tenants() {
  const { api, tenant } = useSession();
  const tenants = useLoad(() => api.list('/v1/tenants', { limit: 200 }).all(), tenant);
  return (
    <section>
      <h1>Tenants</h1>
      <p className="hint">The tenant you act in and every tenant below it.</p>
      {tenants.loading && <Loading what="tenants" />}
      <ErrorMessage error={tenants.error} />
      {tenants.data && <TenantList nodes={tenantTree(tenants.data)} label="Tenant tree" />}
    </section>
  );
}

function TenantList({ nodes, label }: { nodes: TenantNode<Schema<'Tenant'>>[]; label?: string }) {
  return (
    <ul className="tree" aria-label={label}>
      {nodes.map(({ tenant, children }) => (
        <li key={tenant.id}>
          <Link to={`/tenants/${tenant.id}`}>{tenant.name}</Link> <code>{tenant.code}</code>
          {!tenant.enabled && <span className="badge">disabled</span>}
          {children.length > 0 && <TenantList nodes={children} />}
        </li>
      ))}
    </ul>
  );
}
