import type { CursorPages } from './useCursorPages.js';

/** Previous and Next buttons of a cursor-paged list, with the page number. */
export function CursorPager({ pages, label }: { pages: CursorPages<unknown>; label: string }) {
  return (
    <nav className="cursor-pager" aria-label={label}>
      <button type="button" onClick={pages.previous} disabled={!pages.hasPrevious || pages.loading}>
        Previous
      </button>
      <span>Page {pages.pageNumber}</span>
      <button type="button" onClick={pages.next} disabled={!pages.hasNext || pages.loading}>
        Next
      </button>
    </nav>
  );
}
