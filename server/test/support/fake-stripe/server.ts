/**
 * A stateful stand-in for the Stripe API, driven through the official `stripe` SDK (pointed at it
 * with host/port/protocol). It honours Idempotency-Key (same key → the first response, replayed),
 * keeps its objects in memory, and queues signed webhook events
 * (stripe.webhooks.generateTestHeaderString) that a test delivers when and as often as it wants —
 * twice, out of order — with `deliver`.
 *
 * Routes are modules of { method, path, handler }: ./payments-routes.ts (customers, intents,
 * refunds) and ./billing-routes.ts (accounts, account links, checkout sessions, billing portal,
 * subscriptions: Connect and Billing, state in `billing`) are always mounted; a test adds its own
 * with `routes`. One fake Stripe for every Stripe feature.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import Stripe from 'stripe';
import { billingRoutes, newBillingState, type BillingState } from './billing-routes';
import { paymentRoutes } from './payments-routes';
import { requestHolds, type HeldRequest } from '../request-holds';

export type StripeObject = Record<string, unknown> & { id: string };

export interface FakeStripeState {
  objects: Map<string, StripeObject>;
  /** Every event emitted, in order. */
  events: StripeObject[];
}

export interface RouteContext {
  params: Record<string, string>;
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  state: FakeStripeState;
  id(prefix: string): string;
  /** Queues a webhook event about `object` (a snapshot of it now). */
  emit(type: string, object: StripeObject): void;
  headers: IncomingMessage['headers'];
}

export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String((body.message as string) ?? 'error'));
  }
}

export interface FakeStripeRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** e.g. '/v1/payment_intents/:id/capture' */
  path: string;
  handler(ctx: RouteContext): StripeObject | Record<string, unknown>;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  state: FakeStripeState;
  /** Requests received, in order (method, path, idempotency key). */
  requests: { method: string; path: string; idempotencyKey: string | null; replayed: boolean }[];
  webhookSecret: string;
  /** Where `deliver` posts events (the Slotwise server under test). */
  setWebhookTarget(url: string): void;
  /** Signs and posts events (default: every event not delivered yet, in order). Returns the statuses. */
  deliver(events?: StripeObject[]): Promise<number[]>;
  /** Posts a payload with any signature header (forgeries). */
  post(payload: string, signature: string | undefined): Promise<number>;
  sign(payload: string, opts?: { secret?: string; timestamp?: number }): string;
  /**
   * The next `times` requests to `path` fail: 'unavailable' answers 500 before doing anything (not
   * stored under the key, as Stripe does); 'lost' does the work, stores it under the key, then
   * drops the connection, as if the process had crashed before reading the answer.
   */
  failNext(path: string, times: number, mode: 'unavailable' | 'lost'): void;
  /** The next request to `path` is held unanswered (a stalled vendor call) until released. */
  holdNext(path: string): HeldRequest;
  /** Connect and Billing objects (billing-routes.ts). */
  billing: BillingState;
  /** While true, every API request answers 500 (Stripe down): the SDK's retries fail too. */
  outage(on: boolean): void;
  /** A signed event about `object` (not queued): its payload and Stripe-Signature header. */
  signedEvent(
    type: string,
    object: Record<string, unknown>,
    opts?: { account?: string; id?: string; timestamp?: number; secret?: string },
  ): { payload: string; header: string; id: string };
  /** Signs and posts one event to `target`; returns the status and the parsed body. */
  emit(target: string, type: string, object: Record<string, unknown>, opts?: { account?: string; id?: string }): Promise<{ status: number; body: unknown; id: string }>;
  close(): Promise<void>;
}

/** billing-routes.ts rows (state, request) → { status, body } as routes of this server. */
function mountBilling(state: BillingState): FakeStripeRoute[] {
  return billingRoutes.map((r) => ({
    method: r.method,
    path: r.path,
    handler(ctx) {
      const out = r.handler(state, { params: ctx.params, body: ctx.body, headers: ctx.headers as Record<string, string | undefined> });
      if (out.status >= 400) throw new StripeHttpError(out.status, ((out.body as { error?: Record<string, unknown> }).error ?? {}) as Record<string, unknown>);
      return out.body as Record<string, unknown>;
    },
  }));
}

function compile(path: string) {
  const names: string[] = [];
  const re = new RegExp(`^${path.replace(/:([a-z_]+)/g, (_m, n: string) => (names.push(n), '([^/]+)'))}$`);
  return { re, names };
}

export async function startFakeStripe(opts: { routes?: FakeStripeRoute[]; webhookSecret?: string; prices?: string[] } = {}): Promise<FakeStripe> {
  const state: FakeStripeState = { objects: new Map(), events: [] };
  const billing = newBillingState(opts.prices);
  let down = false;
  const routes = [...paymentRoutes, ...mountBilling(billing), ...(opts.routes ?? [])].map((r) => ({ ...r, ...compile(r.path) }));
  const idempotent = new Map<string, { hash: string; status: number; body: string }>();
  const requests: FakeStripe['requests'] = [];
  const webhookSecret = opts.webhookSecret ?? `whsec_test_${randomBytes(12).toString('hex')}`;
  const stripe = new Stripe('sk_test_signer');
  let target: string | null = null;
  const faults: { path: string; left: number; mode: 'unavailable' | 'lost' }[] = [];
  const holds = requestHolds((path: string, requested) => path === requested);
  let delivered = 0;
  const id = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      void holds.pass(url.pathname).then(() => answer(url));
    });
    const answer = (url: URL) => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const send = (status: number, body: string, replayed = false) => {
        requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey: key, replayed });
        res.writeHead(status, { 'content-type': 'application/json', ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
        res.end(body);
      };
      const authz = req.headers.authorization ?? '';
      if (!authz.startsWith('Bearer sk_')) return send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'No API key' } }));
      if (down) return send(500, JSON.stringify({ error: { type: 'api_error', message: 'fake outage' } }));
      const fault = faults.find((f) => f.left > 0 && f.path === url.pathname);
      if (fault) fault.left -= 1;
      if (fault?.mode === 'unavailable') return send(500, JSON.stringify({ error: { type: 'api_error', message: 'Injected outage' } }));
      const hash = createHash('sha256').update(`${req.method} ${url.pathname} ${raw}`).digest('hex');
      if (key && req.method === 'POST') {
        const prior = idempotent.get(key);
        if (prior) {
          if (prior.hash !== hash)
            return send(400, JSON.stringify({ error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } }));
          if (fault?.mode === 'lost') {
            requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey: key, replayed: true });
            req.socket.destroy();
            return;
          }
          return send(prior.status, prior.body, true);
        }
      }
      const route = routes.find((r) => r.method === req.method && r.re.test(url.pathname));
      let status = 200;
      let body: string;
      if (!route) {
        status = 404;
        body = JSON.stringify({ error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
      } else {
        const m = route.re.exec(url.pathname)!;
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
        try {
          const out = route.handler({
            params,
            body: qs.parse(raw) as Record<string, unknown>,
            query: qs.parse(url.search.slice(1)) as Record<string, unknown>,
            state,
            id,
            headers: req.headers,
            emit(type, object) {
              state.events.push({ id: id('evt'), object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), data: { object: structuredClone(object) }, livemode: false, pending_webhooks: 1 });
            },
          });
          body = JSON.stringify(out);
        } catch (err) {
          if (!(err instanceof StripeHttpError)) throw err;
          status = err.status;
          body = JSON.stringify({ error: err.body });
        }
      }
      // Stripe keeps the response of a key (success or error) and replays it.
      if (key && req.method === 'POST') idempotent.set(key, { hash, status, body });
      if (fault?.mode === 'lost') {
        requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey: key, replayed: false });
        req.socket.destroy();
        return;
      }
      send(status, body);
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const sign = (payload: string, o: { secret?: string; timestamp?: number } = {}) =>
    stripe.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? webhookSecret, timestamp: o.timestamp });
  const post = async (payload: string, signature: string | undefined) => {
    if (!target) throw new Error('setWebhookTarget first');
    const r = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) }, body: payload });
    await r.arrayBuffer();
    return r.status;
  };

  const signedEvent: FakeStripe['signedEvent'] = (type, object, o = {}) => {
    const eventId = o.id ?? id('evt');
    const payload = JSON.stringify({
      id: eventId,
      object: 'event',
      type,
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      ...(o.account ? { account: o.account } : {}),
      data: { object },
    });
    return { payload, header: sign(payload, { secret: o.secret, timestamp: o.timestamp }), id: eventId };
  };

  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    state,
    requests,
    webhookSecret,
    setWebhookTarget(url) {
      target = url;
    },
    async deliver(events) {
      const list = events ?? state.events.slice(delivered);
      if (!events) delivered = state.events.length;
      const statuses: number[] = [];
      for (const e of list) {
        const payload = JSON.stringify(e);
        statuses.push(await post(payload, sign(payload)));
      }
      return statuses;
    },
    post,
    sign,
    failNext(path, times, mode) {
      faults.push({ path, left: times, mode });
    },
    holdNext: (path) => holds.hold(path),
    billing,
    outage(on) {
      down = on;
    },
    signedEvent,
    async emit(to, type, object, o = {}) {
      const { payload, header, id: eventId } = signedEvent(type, object, o);
      const r = await fetch(to, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
      const text = await r.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: r.status, body, id: eventId };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The env that points a Slotwise server at the fake. */
export const fakeStripeEnv = (f: FakeStripe): Record<string, string> => ({
  STRIPE_SECRET_KEY: 'sk_test_slotwise_fake',
  STRIPE_WEBHOOK_SECRET: f.webhookSecret,
  STRIPE_PUBLISHABLE_KEY: 'pk_test_slotwise_fake',
  STRIPE_API_HOST: f.host,
  STRIPE_API_PORT: String(f.port),
  STRIPE_API_PROTOCOL: 'http',
});
