import type { Flag, JsonText } from '../tables/common.js';

/** Parses a JSON text column written by this service; a corrupt value is a bug, so it throws. */
export function parseJsonColumn<T>(text: JsonText, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`column ${column} holds invalid JSON`, { cause: error });
  }
}

export const toJsonColumn = (value: unknown): JsonText => JSON.stringify(value);

/** Booleans are stored as 0/1: better-sqlite3 cannot bind JS booleans. */
export const toFlag = (value: boolean): Flag => (value ? 1 : 0);
export const fromFlag = (value: number): boolean => value !== 0;
