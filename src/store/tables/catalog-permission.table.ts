import type { EpochMillis, Flag, JsonText, Versioned } from './common.js';

export interface CatalogPermissionTable extends Versioned {
  id: string;
  tenant_id: string;
  /** The resource type's row may not go while a permission refers to it. */
  resource_type_id: string;
  name: string;
  description: string | null;
  is_draft: Flag;
}

/**
 * One row per version of a permission, keyed by (permission_id, version): versions are only ever
 * appended, so adding one is an insert, and the key refuses two versions of the same number.
 */
export interface CatalogPermissionVersionTable {
  permission_id: string;
  version: number;
  /** The declared variables, `[{name, type}]`: read whole, never queried by. */
  variables: JsonText;
  created_at: EpochMillis;
}
