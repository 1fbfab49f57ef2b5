import { Type, type Static, type TSchema } from 'typebox';
import { DomainError } from '../../core/errors.js';
import type { ListParams, Page } from '../../store/query/list-page.js';
import { britiveFilter, type FilterField } from './filter.js';

export const DEFAULT_SIZE = 20;
export const MAX_SIZE = 100;

/** Britive's list parameters: `page` from 0, `size`, `sort` (`name,asc`), `filter`, `searchText`. */
export const PageQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'From 0' })),
    size: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_SIZE,
        description: `Default ${DEFAULT_SIZE}, at most ${MAX_SIZE}`,
      }),
    ),
    sort: Type.Optional(Type.String({ maxLength: 100, description: '`field,asc` or `field,desc`' })),
    filter: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'e.g. `name eq profile1`, `name co Admin`; values may go unquoted',
      }),
    ),
    searchText: Type.Optional(Type.String({ maxLength: 200, description: 'Free text, found in the names' })),
    view: Type.Optional(Type.String({ maxLength: 40, description: 'Accepted and ignored (`summary`)' })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

/** Britive's page: `count` is the total, so its SDK's loop (`size * (page + 1) >= count`) ends. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object(
    {
      count: Type.Integer(),
      page: Type.Integer(),
      size: Type.Integer(),
      sort: Type.String(),
      data: Type.Array(item),
    },
    { additionalProperties: false },
  );

export interface ListSpec {
  /** Britive's sort keys and filter attributes, each with the profiled field it reads. */
  fields: Readonly<Record<string, FilterField>>;
  /** The profiled fields `searchText` is looked for in. */
  searchIn: readonly string[];
  defaultSort: string;
  /** The fields it sorts by (default: all of `fields`). */
  sortable?: readonly string[];
}

/** The profiled list parameters of a Britive page request, and what the answer echoes. */
export function listParamsOf(query: PageQuery, spec: ListSpec) {
  const page = query.page ?? 0;
  const size = query.size ?? DEFAULT_SIZE;
  const sortText = query.sort ?? spec.defaultSort;
  const [key = '', direction = 'asc'] = sortText.split(',').map((s) => s.trim());
  const sortable = spec.sortable ?? Object.keys(spec.fields);
  const sortField = sortable.find((k) => k.toLowerCase() === key.toLowerCase());
  if (sortField === undefined || !['asc', 'desc'].includes(direction.toLowerCase())) {
    throw new DomainError(
      'query.invalid_sort',
      `sort is "field,asc" or "field,desc" over ${sortable.join(', ')}`,
      [{ pointer: '/querystring/sort', detail: `cannot sort by "${sortText}"` }],
    );
  }
  const terms: string[] = [];
  if (query.filter !== undefined && query.filter.trim() !== '')
    terms.push(`(${britiveFilter(query.filter, spec.fields)})`);
  if (query.searchText !== undefined && query.searchText.trim() !== '') {
    const text = JSON.stringify(query.searchText.trim());
    terms.push(`(${spec.searchIn.map((f) => `${f} co ${text}`).join(' or ')})`);
  }
  return {
    page,
    size,
    sort: `${sortField},${direction.toLowerCase()}`,
    filter: terms.length === 0 ? undefined : terms.join(' and '),
    profiledSort: `${direction.toLowerCase() === 'desc' ? '-' : ''}${spec.fields[sortField]!.field}`,
  };
}

/** A page of a core list, as Britive answers it. */
export interface BritivePage<T> {
  count: number;
  page: number;
  size: number;
  sort: string;
  data: T[];
}

/**
 * One Britive page of a core list: the request's page, size, sort, filter and searchText as
 * profiled's list parameters (`extraFilter` joined to them), the rows mapped to the vendor's shape.
 */
export async function britivePage<Row, T>(
  query: PageQuery,
  spec: ListSpec,
  list: (params: ListParams) => Promise<Page<Row>>,
  map: (row: Row) => T,
  extraFilter?: string,
): Promise<BritivePage<T>> {
  const params = listParamsOf(query, spec);
  const filter = [extraFilter, params.filter].filter((f): f is string => f !== undefined).join(' and ');
  const page = await list({
    limit: params.size,
    skip: params.page * params.size,
    sort: params.profiledSort,
    includeTotal: true,
    ...(filter !== '' && { filter }),
  });
  return {
    count: page.total ?? 0,
    page: params.page,
    size: params.size,
    sort: params.sort,
    data: page.rows.map(map),
  };
}

/** Pages a list held in memory (a profile's permissions) the way Britive pages any list. */
export function pageInMemory<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice(page * size, page * size + size);
}
