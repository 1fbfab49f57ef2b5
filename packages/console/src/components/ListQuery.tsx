import type { Page } from '@profiled/sdk';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../session.js';
import { useCursorPages, type CursorPages } from './useCursorPages.js';

export interface SortOption {
  value: string;
  label: string;
}

/** The filter and sort of a list page, kept in the address (`?filter=&sort=`) so a reload keeps them. */
export function useListQuery(defaultSort: string): { filter: string; sort: string } {
  const [params] = useSearchParams();
  return { filter: params.get('filter') ?? '', sort: params.get('sort') ?? defaultSort };
}

/** The query of one page of a list: its size, the address's filter and sort, and the cursor. */
export interface ListPageQuery {
  limit: number;
  sort: string;
  filter?: string;
  cursor?: string;
}

/**
 * A list of the acting tenant, 25 a page, filtered and sorted as the address says; another
 * filter, sort or tenant starts again from the first page.
 */
export function useListPages<Item>(
  defaultSort: string,
  fetchPage: (query: ListPageQuery) => Promise<Page<Item>>,
): CursorPages<Item> {
  const { tenant } = useSession();
  const { filter, sort } = useListQuery(defaultSort);
  return useCursorPages(
    (cursor) => fetchPage({ limit: 25, sort, ...(filter && { filter }), ...(cursor && { cursor }) }),
    `${tenant}\n${filter}\n${sort}`,
  );
}

/**
 * The SCIM filter box and sort choice of a list. The filter is sent as it is written, and the
 * server says what is wrong with it; `fields` tells which fields it may name.
 */
export function ListQueryForm({
  defaultSort,
  sorts,
  example,
  fields,
}: {
  defaultSort: string;
  sorts: SortOption[];
  example: string;
  fields: string[];
}) {
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState(params.get('filter') ?? '');
  const sort = params.get('sort') ?? defaultSort;
  const apply = (next: { filter?: string; sort?: string }) => {
    const values = { filter: params.get('filter') ?? '', sort, ...next };
    setParams(
      Object.fromEntries(
        Object.entries(values).filter(
          ([key, value]) => value !== '' && !(key === 'sort' && value === defaultSort),
        ),
      ),
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ filter: filter.trim() });
  };
  return (
    <form className="list-query" role="search" onSubmit={submit}>
      <label>
        Filter (SCIM)
        <input
          name="filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder={example}
          aria-describedby="filter-help"
          spellCheck={false}
        />
      </label>
      <button type="submit">Search</button>
      <label>
        Sort by
        <select value={sort} onChange={(event) => apply({ sort: event.target.value })}>
          {sorts.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <p id="filter-help" className="hint">
        For example <code>{example}</code>. Fields: {fields.join(', ')}; operators eq ne co sw ew gt ge lt le
        pr, with and, or, not and parentheses.
      </p>
    </form>
  );
}
