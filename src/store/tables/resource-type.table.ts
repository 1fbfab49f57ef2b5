import type { Versioned } from './common.js';

export interface ResourceTypeTable extends Versioned {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
}
