/**
 * Conventions shared by every table:
 * - ids are UUIDv7 strings;
 * - instants are epoch milliseconds (BIGINT), NULL for an open end;
 * - booleans are INTEGER 0/1 (better-sqlite3 cannot bind JS booleans);
 * - nested structures are JSON text.
 * The codecs (store/codecs) turn rows into domain values and back: nothing else reads these shapes.
 */
export type Flag = 0 | 1;
export type EpochMillis = number;
export type JsonText = string;

export interface Versioned {
  created_at: EpochMillis;
  updated_at: EpochMillis;
  /** Incremented on every write; the ETag of the resource. */
  version: number;
}
