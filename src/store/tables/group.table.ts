import type { EpochMillis, Versioned } from './common.js';

export interface GroupTable extends Versioned {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  provider: string | null;
  sid: string | null;
  directory_id: string | null;
  directory_external_id: string | null;
  /** The group's DN in its directory. */
  directory_fqdn: string | null;
  directory_vanished_at: EpochMillis | null;
}

export interface GroupMemberTable {
  group_id: string;
  user_id: string;
}
