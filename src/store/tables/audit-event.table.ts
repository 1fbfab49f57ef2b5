import type { EpochMillis, JsonText } from './common.js';

/** An append-only record of one write. */
export interface AuditEventTable {
  id: string;
  at: EpochMillis;
  tenant_id: string;
  tenant_path: string;
  /** A readable name of who acted, e.g. `client:ci-deployer`. */
  actor: string;
  credential_id: string | null;
  user_id: string | null;
  /** `<target type>.<verb>`, e.g. `profile.update`. */
  action: string;
  target_type: string;
  target_id: string;
  before: JsonText | null;
  after: JsonText | null;
  request_id: string | null;
  /** The API the write came through: `native`, `cli`, or a compat API's name. */
  source: string;
}
