import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

export interface SortOption {
  value: string;
  label: string;
}

/** The filter and sort of a list page, kept in the address (`?filter=&sort=`) so a reload keeps them. */
export function useListQuery(defaultSort: string): { filter: string; sort: string } {
  const [params] = useSearchParams();
  return { filter: params.get('filter') ?? '', sort: params.get('sort') ?? defaultSort };
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
