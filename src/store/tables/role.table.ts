import type { JsonText, Versioned } from './common.js';

export interface RoleTable extends Versioned {
  id: string;
  tenant_id: string;
  /** Unique in the tenant; what profiles' `roles` name. */
  name: string;
  kind: string;
  description: string | null;
  /** JSON list of capability names. */
  capabilities: JsonText;
  /** JSON list of permission names. */
  permissions: JsonText;
}
