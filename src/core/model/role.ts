import type { Instant } from './time.js';

/** What a role may be used for. Only `external-access` roles can be mapped to External Access profiles. */
export const roleKinds = ['external-access', 'server', 'service', 'user'] as const;
export type RoleKind = (typeof roleKinds)[number];

/**
 * A role of the tenant's catalog: a name that profiles carry in their `roles`, with what it
 * stands for. The name is the reference and never changes; the id names the role in NAVER Cloud
 * NRNs (`nrn:PUB:IAM::<account number>:Role/<id>`).
 */
export interface Role {
  id: string;
  tenantId: string;
  /** Unique in the tenant. */
  name: string;
  kind: RoleKind;
  description: string | null;
  /** The capabilities the role stands for, by name. */
  capabilities: string[];
  /** The permissions the role stands for, by name. */
  permissions: string[];
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
