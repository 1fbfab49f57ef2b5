import type { Instant } from './time.js';

export interface Address {
  street?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export interface Tenant {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  enabled: boolean;
  address: Address | null;
  settings: Record<string, unknown>;
  /** Twelve digits, given once, unique in the installation: the account in NAVER Cloud NRNs. */
  accountNumber: string;
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}

/**
 * A tenant with its place in the tree: its materialized path of ids from the root
 * (`/root/child/self/`), by which every subtree is scoped. The APIs show the Tenant without it.
 */
export interface PlacedTenant extends Tenant {
  path: string;
}

/** The tenant as the APIs show it. */
export const withoutPath = ({ path: _path, ...tenant }: PlacedTenant): Tenant => tenant;

/** Ids of the tenant's ancestors, root first, then the tenant itself (read from its path). */
export function pathIds(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}
