import { useState } from 'react';
import { useLoad, type Loaded } from './use-load.js';

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface CursorPages<Item> extends Loaded<Page<Item>> {
  /** 1 for the first page. */
  number: number;
  next: (() => void) | undefined;
  previous: (() => void) | undefined;
}

/**
 * One page of a server-side list at a time, by the API's cursors: "Next" follows `nextCursor`,
 * "Previous" goes back along the cursors already followed. A new `key` (another filter or sort)
 * starts again from the first page.
 */
export function useCursorPages<Item>(
  fetchPage: (cursor: string | undefined) => Promise<Page<Item>>,
  key: string,
): CursorPages<Item> {
  const [trail, setTrail] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key,
    cursors: [undefined],
  });
  const cursors = trail.key === key ? trail.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const loaded = useLoad(() => fetchPage(cursor), `${key}\n${cursor ?? ''}`);
  const nextCursor = loaded.loading ? null : (loaded.data?.nextCursor ?? null);
  return {
    ...loaded,
    number: cursors.length,
    next: nextCursor === null ? undefined : () => setTrail({ key, cursors: [...cursors, nextCursor] }),
    previous: cursors.length > 1 ? () => setTrail({ key, cursors: cursors.slice(0, -1) }) : undefined,
  };
}

export function Pager({ pages, label }: { pages: CursorPages<unknown>; label: string }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={pages.previous} disabled={!pages.previous}>
        Previous
      </button>
      <span>Page {pages.number}</span>
      <button type="button" onClick={pages.next} disabled={!pages.next}>
        Next
      </button>
    </nav>
  );
}
