/**
 * How deep a JSON body may nest. Nothing profiled takes needs more than a handful of levels; a
 * body nested thousands deep parses, but every later walk of it (validation, the audit trail's
 * JSON.stringify) recurses once per level and would overflow the stack: a 500 for bad input.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays and objects at most `max` deep (strings skipped; one pass). */
export function jsonDepthWithin(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return false;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return true;
}
