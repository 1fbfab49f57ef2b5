import type { EpochMillis, Flag, JsonText, Versioned } from './common.js';

export interface DirectoryTable extends Versioned {
  id: string;
  tenant_id: string;
  name: string;
  provider: string;
  url: string;
  start_tls: Flag;
  ca_certificate: string | null;
  tls_verify: Flag;
  bind_dn: string;
  /** Sealed with the master key, bound to the directory's id. */
  bind_password_sealed: string;
  base_dn: string;
  user_filter: string;
  group_filter: string;
  /** JSON list of attribute names. */
  attributes: JsonText;
  /** JSON of DirectoryAttributeMap. */
  attribute_map: JsonText;
  writable: Flag;
  /** JSON of the last SyncReport; null before the first sync. */
  last_sync: JsonText | null;
  last_synced_at: EpochMillis | null;
}
