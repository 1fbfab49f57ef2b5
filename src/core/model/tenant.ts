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
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
