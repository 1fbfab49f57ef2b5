import type { paths } from './generated/openapi.js';

/** The paths whose GET answers a page: `{ items, nextCursor }`. */
export type ListPath = {
  [P in keyof paths]: paths[P] extends {
    get: {
      responses: { 200: { content: { 'application/json': { items: unknown[]; nextCursor: unknown } } } };
    };
  }
    ? P
    : never;
}[keyof paths];

type ListAnswer<P extends ListPath> = paths[P]['get']['responses'][200]['content']['application/json'];
export type ListItem<P extends ListPath> = ListAnswer<P>['items'][number];
export type ListQuery<P extends ListPath> = Omit<
  NonNullable<paths[P]['get']['parameters']['query']>,
  'cursor'
>;

type PathParams<P extends ListPath> = NonNullable<paths[P]['get']['parameters']['path']>;
/** A list's query, then its path parameters when its path has some (`/v1/profiles/{id}/assignments`). */
export type ListArgs<P extends ListPath> = [PathParams<P>] extends [never]
  ? [query?: ListQuery<P>]
  : [query: ListQuery<P> | undefined, path: PathParams<P>];

/** The items of a list, page by page. `for await` goes through every item; `pages()` page by page. */
export interface Paged<Item> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page<Item>>;
  /** Every item, in one array (for lists known to be short). */
  all(): Promise<Item[]>;
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export function pages<Item>(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>): Paged<Item> {
  async function* eachPage(): AsyncGenerator<Page<Item>> {
    let cursor: string | undefined;
    do {
      const page = await fetchPage(cursor);
      yield page;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  async function* eachItem(): AsyncGenerator<Item> {
    for await (const page of eachPage()) yield* page.items;
  }
  return {
    [Symbol.asyncIterator]: eachItem,
    pages: eachPage,
    async all() {
      const items: Item[] = [];
      for await (const item of eachItem()) items.push(item);
      return items;
    },
  };
}
