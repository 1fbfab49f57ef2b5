import type { Kysely } from 'kysely';

/**
 * The capability catalog as the vendors show it. Seeded by the initial migration; a later
 * capability is added by a new migration, never by editing this list after release.
 */
export const seededCapabilities = [
  {
    name: 'Security',
    display_name: 'Security',
    description: 'Manage security settings, permissions and profiles.',
  },
  {
    name: 'TenantManagement',
    display_name: 'Tenant Management',
    description: 'Create, configure and disable tenants.',
  },
  {
    name: 'UserManagement',
    display_name: 'User Management',
    description: 'Create and manage users and their assignments.',
  },
  { name: 'Data', display_name: 'Data', description: 'Load, inspect and publish data.' },
  { name: 'Model', display_name: 'Model', description: 'Change the analytic model.' },
  { name: 'Analytics', display_name: 'Analytics', description: 'Explore and analyze data.' },
  { name: 'Reports', display_name: 'Reports', description: 'Create, schedule and share reports.' },
  { name: 'Audit', display_name: 'Audit', description: 'Read audit events and access reports.' },
] as const;

export async function seedCapabilities(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<{
    capabilities: { name: string; display_name: string; description: string };
  }>;
  await typed
    .insertInto('capabilities')
    .values([...seededCapabilities])
    .execute();
}
