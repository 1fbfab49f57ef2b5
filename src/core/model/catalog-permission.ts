import type { Instant } from './time.js';

export const variableTypes = ['String', 'password'] as const;
export type VariableType = (typeof variableTypes)[number];

/**
 * What a variable's name may be: a letter or underscore, then letters, digits, `_`, `.` and `-`,
 * 100 characters at most. Profiles bind values to variables by name.
 */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const VARIABLE_NAME_MAX_LENGTH = 100;

/** A variable a permission version declares; a profile binds a value (or a way to get one) to it. */
export interface CatalogVariable {
  name: string;
  type: VariableType;
}

/** A version of a permission: its number (from 1) and the variables it declares. Never changed. */
export interface PermissionVersion {
  version: number;
  variables: CatalogVariable[];
  createdAt: Instant;
}

/**
 * A permission of a resource type, as the catalog offers it to profiles. `versions` are in
 * order, oldest first; `version` is the record's own (its ETag), not a catalog version.
 */
export interface CatalogPermission {
  id: string;
  tenantId: string;
  resourceTypeId: string;
  /** Unique in its resource type. */
  name: string;
  description: string | null;
  isDraft: boolean;
  versions: PermissionVersion[];
  createdAt: Instant;
  updatedAt: Instant;
  version: number;
}
