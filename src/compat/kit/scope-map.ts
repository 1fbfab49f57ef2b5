import { isScope, type Scope } from '../../auth/scopes.js';

/** A vendor's scope words, each with the profiled scopes it grants. */
export type ScopeWords = Readonly<Record<string, readonly Scope[]>>;

/**
 * Reads a space-separated `scope` of a vendor's token request: each vendor word grants its
 * scopes, profiled's own scope names are understood too, anything else is dropped (RFC 6749
 * lets a server grant less than asked). No words at all: undefined, every scope the grant allows.
 */
export function scopeMap(words: ScopeWords): (text: string | undefined) => Scope[] | undefined {
  return (text) => {
    const asked = (text ?? '').split(/\s+/).filter(Boolean);
    if (asked.length === 0) return undefined;
    const scopes = asked.flatMap((w): readonly Scope[] =>
      Object.hasOwn(words, w) ? words[w]! : isScope(w) ? [w] : [],
    );
    return [...new Set(scopes)];
  };
}
