import {
  createServer,
  IncomingMessage,
  ServerResponse,
  type RequestListener,
  type Server,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The Node HTTP server of an Express app, whose request and response objects are created with the
 * app's own prototypes (`app.request`, `app.response`).
 *
 * Express 4 gives every request those prototypes with `Object.setPrototypeOf` when it enters the
 * app. On a plain server that changes the map of two fresh objects per request, and V8 then keeps
 * them and everything they reference past the young generation: measured on Node 20, each
 * scavenge promoted 3–7 MB and took 2–3 ms instead of 0.2 ms, so the heap grew to ~300 MB
 * between mark-compacts and one request in ten waited for a scavenge (the API's whole latency
 * tail). Created with the right prototype, Express's call changes nothing (same prototype) and
 * a request's garbage dies young.
 *
 * `handler` is what serves the requests: the app itself, or a wrapper around it (tests).
 */
export function createAppServer(app: Express, handler: RequestListener = app): Server {
  // Old-style constructors: Express's prototypes are plain objects, not classes to extend.
  function AppRequest(this: IncomingMessage, socket: Socket) {
    (IncomingMessage as unknown as (this: IncomingMessage, s: Socket) => void).call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: object) {
    (ServerResponse as unknown as (this: ServerResponse, ...a: unknown[]) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    handler,
  );
}
