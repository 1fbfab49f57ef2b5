/** Parses a JSON text column written by this service; a corrupt value is a bug, so it throws. */
export function parseJsonColumn<T>(text: string, column: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`column ${column} holds invalid JSON`, { cause: error });
  }
}

export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: number): boolean => value !== 0;
