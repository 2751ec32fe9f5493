import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseForm } from 'qs';
import Stripe from 'stripe';
import {
  billingRoutes,
  fakeId,
  newBillingState,
  type BillingState,
  type FakeRoute,
} from './billing-routes';

/**
 * A small fake Stripe HTTP server for the billing and Connect rows (billing-routes.ts): parses
 * the SDK's form bodies, checks the bearer key, replays a stored response for a reused
 * Idempotency-Key (and refuses the key with another body), and emits signed webhooks with
 * stripe.webhooks.generateTestHeaderString.
 */
export interface FakeStripeBilling {
  /** http://127.0.0.1:port: STRIPE_API_BASE. */
  url: string;
  state: BillingState;
  /** Requests received, in order (method, path, body). */
  requests: { method: string; path: string; body: Record<string, unknown> }[];
  /** A signed event: its JSON payload and Stripe-Signature header. */
  signedEvent(
    type: string,
    object: Record<string, unknown>,
    opts?: { account?: string; id?: string; timestamp?: number; secret?: string },
  ): { payload: string; header: string; id: string };
  /** While true, every API request answers 500 (Stripe down): the SDK's retries fail too. */
  outage(on: boolean): void;
  /** Sends a signed event to `target` (the app's /v1/webhooks/stripe); returns the status and body. */
  emit(
    target: string,
    type: string,
    object: Record<string, unknown>,
    opts?: { account?: string; id?: string },
  ): Promise<{ status: number; body: unknown; id: string }>;
  close(): Promise<void>;
}

interface Compiled {
  route: FakeRoute;
  re: RegExp;
  names: string[];
}

const compile = (route: FakeRoute): Compiled => {
  const names: string[] = [];
  const re = new RegExp(
    `^${route.path.replace(/:([a-z_]+)/gi, (_m, n: string) => (names.push(n), '([^/]+)'))}$`,
  );
  return { route, re, names };
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startFakeStripeBilling(opts: {
  secretKey: string;
  webhookSecret: string;
  prices?: string[];
  extraRoutes?: FakeRoute[];
}): Promise<FakeStripeBilling> {
  const state = newBillingState(opts.prices);
  const routes = [...billingRoutes, ...(opts.extraRoutes ?? [])].map(compile);
  const idempotent = new Map<string, { bodyText: string; status: number; body: unknown }>();
  const requests: FakeStripeBilling['requests'] = [];
  const sdk = new Stripe(opts.secretKey);
  let down = false;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': fakeId('req') });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      if (down) return send(500, { error: { type: 'api_error', message: 'fake outage' } });
      const text = await readBody(req);
      if (req.headers.authorization !== `Bearer ${opts.secretKey}`) {
        return send(401, {
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
        });
      }
      const body = (
        req.method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(text)
      ) as Record<string, unknown>;
      requests.push({ method: req.method ?? 'GET', path: url.pathname, body });
      const match = routes
        .map((c) => ({ c, m: c.route.method === req.method ? c.re.exec(url.pathname) : null }))
        .find((x) => x.m);
      if (!match)
        return send(404, {
          error: {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${req.method}: ${url.pathname})`,
          },
        });
      const key =
        req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
      const cacheKey = key ? `${url.pathname} ${key}` : undefined;
      const seen = cacheKey ? idempotent.get(cacheKey) : undefined;
      if (seen) {
        if (seen.bodyText !== text) {
          return send(400, {
            error: {
              type: 'idempotency_error',
              message:
                'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            },
          });
        }
        res.setHeader('idempotent-replayed', 'true');
        return send(seen.status, seen.body);
      }
      const params = Object.fromEntries(
        match.c.names.map((n, i) => [n, decodeURIComponent(match.m![i + 1]!)]),
      );
      const out = match.c.route.handler(state, {
        params,
        body,
        headers: req.headers as Record<string, string | undefined>,
      });
      if (cacheKey && out.status < 500)
        idempotent.set(cacheKey, { bodyText: text, status: out.status, body: out.body });
      send(out.status, out.body);
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const signedEvent: FakeStripeBilling['signedEvent'] = (type, object, o = {}) => {
    const id = o.id ?? fakeId('evt');
    const payload = JSON.stringify({
      id,
      object: 'event',
      type,
      api_version: '2025-10-29.clover',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      ...(o.account ? { account: o.account } : {}),
      data: { object },
    });
    const header = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: o.secret ?? opts.webhookSecret,
      ...(o.timestamp ? { timestamp: o.timestamp } : {}),
    });
    return { payload, header, id };
  };

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    signedEvent,
    outage(on) {
      down = on;
    },
    async emit(target, type, object, o = {}) {
      const { payload, header, id } = signedEvent(type, object, o);
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body, id };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
