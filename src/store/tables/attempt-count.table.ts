import type { EpochMillis } from './common.js';

/** Attempts of one key (an address, a client) in the current fixed window. */
export interface AttemptCountTable {
  key: string;
  /** The window's start: now rounded down to a multiple of the window's length. */
  window_start: EpochMillis;
  count: number;
}
