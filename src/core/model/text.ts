/**
 * Whether `text` holds what no stored text can: a NUL (PostgreSQL refuses it, even to look it
 * up) or a UTF-16 surrogate that is not half of a pair (not Unicode: it would come back altered).
 * The API's schemas refuse both in every string they declare; this is for text read elsewhere
 * (a header's credentials, a tenant named in a header).
 */
export function holdsUnstorableText(text: string): boolean {
  return unstorable.test(text);
}

// eslint-disable-next-line no-control-regex -- the NUL is what it looks for
const unstorable = /[\u0000\uD800-\uDFFF]/u;
