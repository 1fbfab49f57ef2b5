import type { Flag, JsonText, Versioned } from './common.js';

export interface TenantTable extends Versioned {
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  /** Materialized path of ids from the root: `/root/child/self/`. Ancestors without a query. */
  path: string;
  enabled: Flag;
  address: JsonText | null;
  settings: JsonText;
  /** Twelve digits, unique in the installation: the account of NAVER Cloud resource names. */
  account_number: string;
}
