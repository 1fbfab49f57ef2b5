import type { Page } from '@profiled/sdk';
import { useEffect, useRef, useState } from 'react';

export interface CursorPages<Item> {
  /** The items of the current page, or of every page loaded so far with `loadMore`. */
  items: Item[];
  loading: boolean;
  error: unknown;
  /** 1 for the first page. */
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next: () => void;
  previous: () => void;
  /** Appends the next page to `items` instead of replacing them. */
  loadMore: () => void;
  /** Loads the first page again. */
  reload: () => void;
}

interface Paging {
  key: string;
  /** cursors[i] opens page i + 1 (undefined: the first page). */
  cursors: (string | undefined)[];
  /** Whether the last cursor's page is added to the pages before it. */
  append: boolean;
  generation: number;
}

/**
 * One page at a time of a server-paged list (cursor paging: nothing is loaded that is not shown).
 * `key` names the query: when it changes, paging starts again from the first page. Answers that
 * arrive after the query moved on are dropped.
 */
export function useCursorPages<Item>(
  load: (cursor: string | undefined) => Promise<Page<Item>>,
  key: string,
  enabled = true,
): CursorPages<Item> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [stored, setPaging] = useState<Paging>({ key, cursors: [undefined], append: false, generation: 0 });
  // A new query starts from its first page, without waiting for a state update.
  const paging: Paging =
    stored.key === key ? stored : { key, cursors: [undefined], append: false, generation: stored.generation };
  const [items, setItems] = useState<Item[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>();

  const cursor = paging.cursors[paging.cursors.length - 1];
  const { append, generation } = paging;
  useEffect(() => {
    if (!enabled) {
      setItems([]);
      setNextCursor(null);
      setLoading(false);
      setError(undefined);
      return;
    }
    let current = true;
    setLoading(true);
    setError(undefined);
    loadRef.current(cursor).then(
      (page) => {
        if (!current) return;
        setItems((shown) => (append ? [...shown, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!current) return;
        setError(caught);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, cursor, append, generation, enabled]);

  const go = (cursors: (string | undefined)[], appendPage: boolean, again = 0) =>
    setPaging({ key, cursors, append: appendPage, generation: paging.generation + again });
  return {
    items,
    loading,
    error,
    pageNumber: paging.cursors.length,
    hasNext: nextCursor !== null && !loading,
    hasPrevious: paging.cursors.length > 1 && !paging.append,
    next: () => nextCursor !== null && go([...paging.cursors, nextCursor], false),
    loadMore: () => nextCursor !== null && go([...paging.cursors, nextCursor], true),
    previous: () => paging.cursors.length > 1 && go(paging.cursors.slice(0, -1), false),
    reload: () => go([undefined], false, 1),
  };
}
