import type { ReactNode } from 'react';
import { CursorPager } from './CursorPager.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Loading } from './Loading.js';
import type { CursorPages } from './useCursorPages.js';

/**
 * The current page of a server-paged list as a table, with what went wrong, that it is loading,
 * a row saying when nothing matches, and the pager under it.
 */
export function PagedTable<Item>({
  pages,
  what,
  caption,
  columns,
  row,
  empty,
  pagerLabel,
}: {
  pages: CursorPages<Item>;
  /** Plural, for the loading status: "users". */
  what: string;
  /** The table's name, told with the page number: "Users". */
  caption: string;
  columns: string[];
  row: (item: Item) => ReactNode;
  /** The row shown when the page is empty: "No user matches." */
  empty: string;
  pagerLabel: string;
}) {
  return (
    <>
      <ErrorMessage error={pages.error} />
      {pages.loading && <Loading what={what} />}
      {pages.error === undefined && !(pages.loading && pages.items.length === 0) && (
        <table>
          <caption className="visually-hidden">
            {caption}, page {pages.pageNumber}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pages.items.map(row)}
            {pages.items.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} label={pagerLabel} />
    </>
  );
}
