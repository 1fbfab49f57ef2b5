import { v5 } from 'uuid';
import type { Instant } from '../../core/model/time.js';
import { toIso } from '../../core/model/time.js';
import type { TransferDocument } from '../../core/transfer/document.schema.js';

// Demo ids are derived from names, so the same demo always has the same ids.
const NAMESPACE = '6f1c8e2a-3b4d-4c5e-9f60-7a8b9c0d1e2f';
const id = (name: string) => v5(name, NAMESPACE);
const DAY = 86_400_000;

/**
 * A small, realistic installation: an administrating tenant with analytic child tenants, users,
 * profiles like the vendors' examples, and assignments of various windows around `now`.
 */
export function demoDataset(now: Instant): TransferDocument {
  const at = toIso(now - 30 * DAY);
  const stamp = { createdAt: at, updatedAt: at, version: 1 };
  const authored = { ...stamp, createdBy: 'demo', updatedBy: 'demo' };
  const admin = id('tenant:WFF_j1r');
  const tenant = (code: string, name: string, parentId: string | null, enabled = true) => ({
    id: id(`tenant:${code}`),
    code,
    name,
    parentId,
    enabled,
    address: null,
    settings: {},
    ...stamp,
  });
  const user = (
    tenantId: string,
    username: string,
    givenName: string,
    familyName: string,
    groups: string[] = [],
  ) => ({
    id: id(`user:${username}`),
    tenantId,
    username,
    displayName: `${givenName} ${familyName}`,
    employeeId: null,
    email: `${username}@example.com`,
    givenName,
    familyName,
    nickname: null,
    role: null,
    locale: 'en-US',
    enabled: true,
    directory: {
      provider: 'ldap',
      fqdn: 'corp.example.com',
      sid: null,
      actualGroups: groups,
      actualAttributes: [],
    },
    ...stamp,
  });
  const profile = (tenantId: string, name: string, rest: Partial<TransferDocument['profiles'][number]>) => ({
    id: id(`profile:${tenantId}:${name}`),
    tenantId,
    name,
    ...rest,
    ...authored,
  });
  const assignment = (
    profileId: string,
    userId: string,
    scopeTenantId: string,
    window: { from: number | null; until: number | null },
    includeDescendants = false,
    tenantId = admin,
  ) => ({
    id: id(`assignment:${profileId}:${userId}:${scopeTenantId}`),
    tenantId,
    profileId,
    userId,
    scopeTenantId,
    includeDescendants,
    validFrom: window.from === null ? null : toIso(window.from),
    validUntil: window.until === null ? null : toIso(window.until),
    ...authored,
  });

  const tenants = [
    tenant('WFF_j1r', 'Jupiter Holdings (administrating)', null),
    tenant('WFF_j1r~c7o', 'Callisto', admin),
    tenant('WFF_j1r~i1o', 'Io', admin),
    tenant('WFF_j1r~e2u', 'Europa', admin),
    tenant('WFF_j1r~g3a', 'Ganymede (disabled)', admin, false),
  ];
  const ada = user(admin, 'ada.lovelace', 'Ada', 'Lovelace', ['Partner Admins', 'Everyone']);
  const grace = user(admin, 'grace.hopper', 'Grace', 'Hopper', ['Everyone']);
  const alan = user(admin, 'alan.turing', 'Alan', 'Turing', ['Service Desk']);
  const edsger = user(admin, 'edsger.dijkstra', 'Edsger', 'Dijkstra');
  const partnerAdmin = profile(admin, 'PARTNER_ADMIN', {
    description: 'Administers partner tenants: security, tenants and users, with data and model access.',
    audience: 'accessible-tenants',
    color: '#1F6FEB',
    initials: 'PA',
    capabilities: [
      { capability: 'Security', accessLevel: 'Write', viewLevel: 'Detailed' },
      { capability: 'TenantManagement', accessLevel: 'Write', viewLevel: 'Detailed' },
      { capability: 'UserManagement', accessLevel: 'Write', viewLevel: 'Detailed' },
      { capability: 'Data', accessLevel: 'Write', viewLevel: 'Simple' },
      { capability: 'Model', accessLevel: 'Write', viewLevel: 'Simple' },
    ],
    additionalCapabilities: ['Approve', 'DataUpload', 'ExportData', 'Publish'],
    roles: ['partner-admin'],
    sessionDurationSeconds: 28_800,
    desiredGroups: [{ name: 'Partner Admins', provider: 'ldap', sid: null }],
    desiredLdapAttributes: [{ name: 'department', value: 'Partner Operations' }],
    associations: { environment: ['production'], team: ['partner-ops'] },
    permissions: [
      {
        permissionId: 'perm-tenant-admin',
        name: 'Tenant administration',
        version: '1',
        description: 'Administer analytic tenants',
        resourceType: 'tenant',
        variables: [{ name: 'region', value: 'eu-west', isSystemDefined: false, promptAtCheckout: false }],
      },
    ],
  });
  const serviceMgr = profile(admin, 'PARTNER_CUSTOMER_SERVICE_MGR', {
    description: 'Customer service managers: no capability access, but access to all data.',
    audience: 'tenant',
    color: '#8250DF',
    initials: 'CS',
    capabilities: [
      { capability: 'Security', accessLevel: 'NoAccess', viewLevel: 'Simple' },
      { capability: 'TenantManagement', accessLevel: 'NoAccess', viewLevel: 'Simple' },
      { capability: 'UserManagement', accessLevel: 'NoAccess', viewLevel: 'Simple' },
    ],
    additionalCapabilities: ['AccessToAllData'],
    roles: ['service-manager'],
    desiredGroups: [{ name: 'Service Desk', provider: 'ldap', sid: null }],
  });
  const analyst = profile(admin, 'ANALYST', {
    description: 'Reads analytics and reports.',
    capabilities: [
      { capability: 'Analytics', accessLevel: 'Read', viewLevel: 'Detailed' },
      { capability: 'Reports', accessLevel: 'Write', viewLevel: 'Simple' },
    ],
    roles: ['analyst'],
  });
  // An analytic tenant's own users and profile, as its own administrators keep them.
  const callisto = id('tenant:WFF_j1r~c7o');
  const marie = user(callisto, 'marie.curie', 'Marie', 'Curie');
  const pierre = user(callisto, 'pierre.curie', 'Pierre', 'Curie');
  const callistoViewer = profile(callisto, 'DASHBOARD_VIEWER', {
    description: 'Views the dashboards of Callisto.',
    audience: 'tenant',
    capabilities: [{ capability: 'Analytics', accessLevel: 'Read', viewLevel: 'Simple' }],
    roles: ['viewer'],
  });
  const open = { from: null, until: null };
  return {
    format: 'profiled',
    formatVersion: 1,
    tenants,
    users: [ada, grace, alan, edsger, marie, pierre],
    groups: [
      {
        id: id('group:Partner Admins'),
        tenantId: admin,
        name: 'Partner Admins',
        description: 'LDAP group of partner administrators',
        provider: 'ldap',
        sid: null,
        memberIds: [ada.id],
        ...stamp,
      },
    ],
    profiles: [partnerAdmin, serviceMgr, analyst, callistoViewer],
    assignments: [
      // Ada administers every analytic tenant, permanently.
      assignment(partnerAdmin.id, ada.id, admin, open, true),
      // Grace administers Callisto for one more week.
      assignment(partnerAdmin.id, grace.id, id('tenant:WFF_j1r~c7o'), {
        from: now - 7 * DAY,
        until: now + 7 * DAY,
      }),
      // Alan manages customer service from next week on.
      assignment(serviceMgr.id, alan.id, admin, { from: now + 7 * DAY, until: null }),
      // Edsger's analyst access ended yesterday.
      assignment(analyst.id, edsger.id, admin, { from: now - 60 * DAY, until: now - DAY }),
      assignment(analyst.id, grace.id, admin, open, true),
      // Callisto's own people: Marie views dashboards there; Pierre did until last month.
      assignment(callistoViewer.id, marie.id, callisto, open, false, callisto),
      assignment(
        callistoViewer.id,
        pierre.id,
        callisto,
        { from: now - 90 * DAY, until: now - 30 * DAY },
        false,
        callisto,
      ),
    ],
  };
}
