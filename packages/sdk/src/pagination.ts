import { SlotwiseError } from './errors';

interface AnyPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What list methods return. Await it for the first page; `for await` over it for every item across
 * pages; `.pages()` for page by page. The first request is sent at once (like any call); later pages
 * only as the iteration reaches them.
 */
export class PagePromise<TPage extends AnyPage<TItem>, TItem>
  implements PromiseLike<TPage>, AsyncIterable<TItem>
{
  readonly #first: Promise<TPage>;
  readonly #fetchPage: (cursor: string) => Promise<TPage>;

  constructor(first: Promise<TPage>, fetchPage: (cursor: string) => Promise<TPage>) {
    this.#first = first;
    this.#fetchPage = fetchPage;
    // The caller may only iterate or never look; the failure then surfaces there, not as unhandled.
    first.catch(() => undefined);
  }

  then<A = TPage, B = never>(
    onfulfilled?: ((page: TPage) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#first.then(onfulfilled, onrejected);
  }

  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<TPage | B> {
    return this.#first.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TPage> {
    return this.#first.finally(onfinally);
  }

  /** Every page, starting with the first, following `nextCursor` until it is null. */
  async *pages(): AsyncGenerator<TPage, void, undefined> {
    let page = await this.#first;
    yield page;
    const seen = new Set<string>();
    while (page.nextCursor) {
      // A cursor seen twice would loop forever; that is a server bug, so say so instead.
      if (seen.has(page.nextCursor)) {
        throw new SlotwiseError({
          status: 0,
          code: 'pagination_loop',
          message: 'The API returned the same cursor twice',
        });
      }
      seen.add(page.nextCursor);
      page = await this.#fetchPage(page.nextCursor);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  get [Symbol.toStringTag]() {
    return 'PagePromise';
  }
}
