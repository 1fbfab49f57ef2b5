import type { Versioned } from './common.js';

export interface GroupTable extends Versioned {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  provider: string | null;
  sid: string | null;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
}
