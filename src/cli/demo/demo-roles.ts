import type { RoleCreate } from '../../core/schemas/role.schema.js';

/**
 * The demo's role catalog: the roles its profiles carry (by name), so that NAVER Cloud's
 * External Access API shows them as NRNs, and one role of another kind.
 */
export const demoRoles: readonly { tenant: string; role: RoleCreate }[] = [
  {
    tenant: 'WFF_j1r',
    role: {
      name: 'partner-admin',
      description: 'Administers partner tenants',
      capabilities: ['Security', 'TenantManagement', 'UserManagement'],
    },
  },
  { tenant: 'WFF_j1r', role: { name: 'service-manager', description: 'Customer service, all data' } },
  {
    tenant: 'WFF_j1r',
    role: { name: 'analyst', description: 'Reads analytics', capabilities: ['Analytics'] },
  },
  {
    tenant: 'WFF_j1r',
    role: { name: 'vm-operator', kind: 'server', description: 'Runs the analytics servers' },
  },
  { tenant: 'WFF_j1r~c7o', role: { name: 'viewer', description: "Views Callisto's dashboards" } },
];
