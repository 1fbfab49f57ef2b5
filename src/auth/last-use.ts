import type { Executor } from '../store/executor.js';
import { touchCredential } from '../store/repositories/credential.repository.js';

/** A credential's last-used time is exact to this much. */
export const LAST_USE_GRANULARITY_MS = 60_000;

/** Past this many remembered credentials, the ones not written for a granule are forgotten. */
const REMEMBERED = 10_000;

/**
 * Records when credentials are used without a database write on every request: this process
 * writes a credential's last-used time at most once per granule, and the write itself is
 * conditional, so several processes over one database each add at most one write a granule.
 * The time shown stays exact to a granule, as it always was; nothing here decides who may act.
 */
export class LastUse {
  /** Per credential id, when this process last wrote (or found written) its last-used time. */
  private readonly written = new Map<string, number>();

  record(db: Executor, credentialId: string, now: number): void {
    const last = this.written.get(credentialId);
    if (last !== undefined && now - last < LAST_USE_GRANULARITY_MS) return;
    if (this.written.size >= REMEMBERED) this.forgetBefore(now - LAST_USE_GRANULARITY_MS);
    this.written.set(credentialId, now);
    // Not awaited: the request does not wait for bookkeeping, and a failed write is retried a granule later.
    void touchCredential(db, credentialId, now, LAST_USE_GRANULARITY_MS).catch(() => undefined);
  }

  private forgetBefore(cutoff: number): void {
    for (const [id, at] of this.written) if (at < cutoff) this.written.delete(id);
  }
}
