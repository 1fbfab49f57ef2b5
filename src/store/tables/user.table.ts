import type { EpochMillis, Flag, JsonText, Versioned } from './common.js';

export interface UserTable extends Versioned {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string | null;
  employee_id: string | null;
  email: string | null;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  role: string | null;
  locale: string | null;
  enabled: Flag;
  directory_provider: string | null;
  directory_fqdn: string | null;
  directory_sid: string | null;
  /** The directory the account was synced from; null: kept by hand. */
  directory_id: string | null;
  /** The directory's stable id of the entry (entryUUID, objectGUID). */
  directory_external_id: string | null;
  /** When a sync last found the entry gone from its directory; null: present. */
  directory_vanished_at: EpochMillis | null;
  /** JSON array of group names the directory reports for the account. */
  actual_groups: JsonText;
  /** JSON array of `{name, value}` the directory reports for the account. */
  actual_attributes: JsonText;
}
