import type { WithResponse } from './api-promise';
import { SlotwiseError } from './errors';

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * What list methods return. Await it for the first page; `for await` over it for every item across
 * pages; `.pages()` for page by page; `.autoPagingToArray({ limit })` to collect. The first request
 * is sent at once (like any call); later pages only as the iteration reaches them.
 */
export class PagePromise<TPage extends Page<TItem>, TItem>
  implements PromiseLike<TPage>, AsyncIterable<TItem>
{
  readonly #first: Promise<WithResponse<TPage>>;
  readonly #fetchPage: (cursor: string) => Promise<WithResponse<TPage>>;

  constructor(
    first: Promise<WithResponse<TPage>>,
    fetchPage: (cursor: string) => Promise<WithResponse<TPage>>,
  ) {
    this.#first = first;
    this.#fetchPage = fetchPage;
    // The caller may only iterate or never look; the failure then surfaces there, not as unhandled.
    first.catch(() => undefined);
  }

  then<A = TPage, B = never>(
    onfulfilled?: ((page: TPage) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#first.then((r) => r.data).then(onfulfilled, onrejected);
  }

  catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<TPage | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TPage> {
    return this.then().finally(onfinally);
  }

  /** The first page with its response (status, headers, request id). */
  withResponse(): Promise<WithResponse<TPage>> {
    return this.#first;
  }

  /** Every page, starting with the first, following `nextCursor` until it is null. */
  async *pages(): AsyncGenerator<TPage, void, undefined> {
    let page = (await this.#first).data;
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
      page = (await this.#fetchPage(page.nextCursor)).data;
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /**
   * Every item across pages, in order, up to `limit` (required: a list can be long; pass
   * `Infinity` to mean it). Stops fetching as soon as it has enough.
   */
  async autoPagingToArray(opts: { limit: number }): Promise<TItem[]> {
    const limit = opts?.limit;
    if (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0) {
      throw new TypeError('autoPagingToArray({ limit }) needs a limit: a number ≥ 0, or Infinity');
    }
    const out: TItem[] = [];
    if (limit === 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }

  get [Symbol.toStringTag]() {
    return 'PagePromise';
  }
}
