import {
  extractZodObjectShape,
  isAppRouteOtherResponse,
  isZodObject,
  type AppRoute,
} from '@ts-rest/core';

/** The declared success response: the first 2xx of the route. */
function successResponseOf(route: AppRoute): unknown {
  const status = Object.keys(route.responses).find((s) => Number(s) >= 200 && Number(s) < 300);
  return status === undefined ? undefined : (route.responses as Record<string, unknown>)[status];
}

/** A list route answers `{ items, nextCursor }`; the same test as the `PagePromise` return type. */
export function isPaginated(route: AppRoute): boolean {
  const schema = successResponseOf(route);
  if (!isZodObject(schema)) return false;
  const shape = extractZodObjectShape(schema) as Record<string, unknown>;
  return 'items' in shape && 'nextCursor' in shape;
}

/** The media type of a route that answers something else than JSON (an .ics file), else undefined. */
export function nonJsonContentType(route: AppRoute): string | undefined {
  const r = successResponseOf(route);
  return isAppRouteOtherResponse(r as never) &&
    !/json/i.test((r as { contentType: string }).contentType)
    ? (r as { contentType: string }).contentType
    : undefined;
}
