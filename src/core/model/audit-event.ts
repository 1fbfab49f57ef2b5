/** One recorded write: who, when, where, what, and the target before and after. */
export interface AuditEvent {
  id: string;
  at: number;
  tenantId: string;
  actor: string;
  credentialId: string | null;
  userId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  source: string;
}
