import type {
  AppRoute,
  AppRouter,
  AppRouteResponse,
  ClientInferRequest,
  ResolveResponseType,
  SuccessfulHttpStatusCode,
  ZodInferOrType,
} from '@ts-rest/core';
import type { PagePromise } from './pagination';

/** Per-call options, next to `params`/`query`/`body`. */
export interface CallOptions {
  /** Sent as Idempotency-Key on POST/PATCH; generated when omitted and reused across retries of the call. */
  idempotencyKey?: string;
  /** Aborts the call (and any pending retry) when signalled. */
  signal?: AbortSignal;
  /** Per-attempt timeout, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
}

type Prettify<T> = { [K in keyof T]: T[K] } & {};
type RequestPart<R extends AppRoute, K extends string> = K extends keyof ClientInferRequest<R>
  ? ClientInferRequest<R>[K]
  : never;

/** `{ K: T }`, optional when T has no required field, absent when the route takes no T. */
type Slot<K extends string, T> = [T] extends [never]
  ? unknown
  : [T] extends [undefined]
    ? unknown
    : // `{} extends T` holds exactly when T has no required key.
      // eslint-disable-next-line @typescript-eslint/no-empty-object-type
      {} extends T
      ? { [P in K]?: T }
      : { [P in K]: T };

/** What a route's SDK method takes: `params`, `query` and `body` as ts-rest infers them (zod input types). */
export type RouteArgs<R extends AppRoute> = Prettify<
  Slot<'params', RequestPart<R, 'params'>> &
    Slot<'query', RequestPart<R, 'query'>> &
    Slot<'body', RequestPart<R, 'body'>> &
    CallOptions
>;

type SuccessStatus<R extends AppRoute> = Extract<keyof R['responses'], SuccessfulHttpStatusCode>;
type BodyOf<R extends AppRoute, S> = S extends keyof R['responses']
  ? R['responses'][S] extends infer X extends AppRouteResponse
    ? ZodInferOrType<ResolveResponseType<X>>
    : never
  : never;

/** The parsed body of a route's success response (`undefined` for 204). */
export type RouteResult<R extends AppRoute> = BodyOf<R, SuccessStatus<R>>;

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Returned<R extends AppRoute> =
  RouteResult<R> extends { items: (infer T)[]; nextCursor: string | null }
    ? PagePromise<RouteResult<R>, T>
    : Promise<RouteResult<R>>;

/** The argument is optional when nothing in it is required. */
export type RouteMethod<R extends AppRoute> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends RouteArgs<R>
    ? (args?: RouteArgs<R>) => Returned<R>
    : (args: RouteArgs<R>) => Returned<R>;

/** The SDK surface of a (sub-)router: one method per route, one namespace per nested router. */
export type RouterClient<T extends AppRouter> = {
  [K in keyof T]: T[K] extends AppRoute
    ? RouteMethod<T[K]>
    : T[K] extends AppRouter
      ? RouterClient<T[K]>
      : never;
};
