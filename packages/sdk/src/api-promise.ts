import type { ResponseInfo } from './options';

/** What the transport resolves with: the parsed body and the response it came in. */
export interface WithResponse<T> {
  data: T;
  response: ResponseInfo;
}

/**
 * What every non-list method returns: await it for the body; `.withResponse()` for the body with
 * its `response` (status, headers, request id). Object results also carry a non-enumerable
 * `lastResponse`, as in Stripe's SDK.
 */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;

  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
    // Awaited through then() or withResponse(); a failure surfaces there, never as unhandled.
    result.catch(() => undefined);
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise declares it
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise declares it
  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag]() {
    return 'ApiPromise';
  }
}

/** A result object with its response attached (not enumerable, so JSON.stringify and spreads skip it). */
export type WithLastResponse<T> = T & { readonly lastResponse?: ResponseInfo };

export function attachResponse<T>(data: T, response: ResponseInfo): T {
  if (data && typeof data === 'object' && Object.isExtensible(data))
    Object.defineProperty(data, 'lastResponse', { value: response, enumerable: false });
  return data;
}
