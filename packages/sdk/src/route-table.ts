/** One route of the generated table (generated/routes.ts): all the transport needs to call it. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With `:name` placeholders, filled from `params`. */
  path: string;
  /** Answers `{ items, nextCursor }`: the method returns a `PagePromise`. */
  paginated?: boolean;
  /** A non-JSON success body (`text/calendar`, `text/csv`), returned as a string. */
  accept?: string;
}

export interface RouteTable {
  [key: string]: RouteSpec | RouteTable;
}

export function isRouteSpec(x: RouteSpec | RouteTable): x is RouteSpec {
  return typeof (x as RouteSpec).method === 'string' && typeof (x as RouteSpec).path === 'string';
}
