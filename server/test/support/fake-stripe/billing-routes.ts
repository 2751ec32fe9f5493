import { randomBytes } from 'node:crypto';

/**
 * The Stripe endpoints that tenant plans and Connect use, played with state: accounts,
 * account_links, checkout sessions, billing portal sessions and subscriptions. A table of
 * {method, path, handler}, so another fake Stripe server can mount the same rows. The official
 * SDK talks to it (form-encoded bodies, Idempotency-Key honoured by the harness).
 */
export interface FakeRequest {
  params: Record<string, string>;
  body: Record<string, unknown>;
  headers: Record<string, string | undefined>;
}
export interface FakeResponse {
  status: number;
  body: unknown;
}
export interface FakeRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Express-style path with :params. */
  path: string;
  handler: (state: BillingState, req: FakeRequest) => FakeResponse;
}

type Obj = Record<string, unknown> & { id: string };

export interface BillingState {
  accounts: Map<string, Obj>;
  accountLinks: Obj[];
  checkoutSessions: Map<string, Obj>;
  portalSessions: Obj[];
  customers: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  /** Stripe price ids this fake knows, e.g. price_pro. */
  prices: Set<string>;
}

export const newBillingState = (prices: string[] = ['price_pro']): BillingState => ({
  accounts: new Map(),
  accountLinks: [],
  checkoutSessions: new Map(),
  portalSessions: [],
  customers: new Map(),
  subscriptions: new Map(),
  prices: new Set(prices),
});

export const fakeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

const missing = (what: string, id: string): FakeResponse => ({
  status: 404,
  body: {
    error: {
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: `No such ${what}: '${id}'`,
      param: 'id',
    },
  },
});
const invalid = (message: string, param?: string): FakeResponse => ({
  status: 400,
  body: { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } },
});
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const record = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});

function subscriptionObject(s: Obj): Obj {
  return s;
}

export const billingRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/v1/accounts',
    handler: (st, { body }) => {
      if (body.type !== 'express' && body.type !== 'standard')
        return invalid('type must be express or standard', 'type');
      const a: Obj = {
        id: fakeId('acct'),
        object: 'account',
        type: body.type,
        email: str(body.email) ?? null,
        business_profile: record(body.business_profile),
        metadata: record(body.metadata),
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
        requirements: {
          currently_due: ['external_account', 'tos_acceptance.date'],
          past_due: [],
          disabled_reason: 'requirements.past_due',
        },
        created: now(),
      };
      st.accounts.set(a.id, a);
      return { status: 200, body: a };
    },
  },
  {
    method: 'GET',
    path: '/v1/accounts/:id',
    handler: (st, { params }) => {
      const a = st.accounts.get(params.id!);
      return a ? { status: 200, body: a } : missing('account', params.id!);
    },
  },
  {
    method: 'POST',
    path: '/v1/account_links',
    handler: (st, { body }) => {
      const account = str(body.account);
      if (!account || !st.accounts.has(account))
        return invalid(`No such account: '${account}'`, 'account');
      if (!str(body.refresh_url) || !str(body.return_url))
        return invalid('refresh_url and return_url are required');
      if (body.type !== 'account_onboarding' && body.type !== 'account_update')
        return invalid('Invalid type', 'type');
      const link: Obj = {
        id: fakeId('acctlink'),
        object: 'account_link',
        account,
        url: `https://connect.stripe.test/setup/e/${account}/${randomBytes(8).toString('hex')}`,
        refresh_url: body.refresh_url,
        return_url: body.return_url,
        created: now(),
        expires_at: now() + 300,
      };
      st.accountLinks.push(link);
      return {
        status: 200,
        body: {
          object: link.object,
          url: link.url,
          created: link.created,
          expires_at: link.expires_at,
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    handler: (st, { body }) => {
      if (body.mode !== 'subscription')
        return invalid('This fake plays subscription checkouts only', 'mode');
      const items = Array.isArray(body.line_items)
        ? (body.line_items as Record<string, string>[])
        : (Object.values(record(body.line_items)) as unknown as Record<string, string>[]);
      const price = items[0]?.price;
      if (!price || !st.prices.has(price))
        return invalid(`No such price: '${price}'`, 'line_items[0][price]');
      const customer = str(body.customer);
      if (customer && !st.customers.has(customer))
        return invalid(`No such customer: '${customer}'`, 'customer');
      const cs: Obj = {
        id: fakeId('cs_test'),
        object: 'checkout.session',
        mode: 'subscription',
        status: 'open',
        url: `https://checkout.stripe.test/c/pay/${randomBytes(8).toString('hex')}`,
        client_reference_id: str(body.client_reference_id) ?? null,
        customer: customer ?? null,
        customer_email: str(body.customer_email) ?? null,
        subscription: null,
        metadata: record(body.metadata),
        subscription_data_metadata: record(record(body.subscription_data).metadata),
        price,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        created: now(),
      };
      st.checkoutSessions.set(cs.id, cs);
      const { subscription_data_metadata: _m, price: _p, ...visible } = cs;
      return { status: 200, body: { ...visible, id: cs.id } };
    },
  },
  {
    method: 'GET',
    path: '/v1/checkout/sessions/:id',
    handler: (st, { params }) => {
      const cs = st.checkoutSessions.get(params.id!);
      if (!cs) return missing('checkout.session', params.id!);
      const { subscription_data_metadata: _m, price: _p, ...visible } = cs;
      return { status: 200, body: { ...visible, id: cs.id } };
    },
  },
  {
    method: 'POST',
    path: '/v1/billing_portal/sessions',
    handler: (st, { body }) => {
      const customer = str(body.customer);
      if (!customer || !st.customers.has(customer))
        return invalid(`No such customer: '${customer}'`, 'customer');
      const ps: Obj = {
        id: fakeId('bps'),
        object: 'billing_portal.session',
        customer,
        return_url: body.return_url ?? null,
        url: `https://billing.stripe.test/p/session/${randomBytes(8).toString('hex')}`,
        created: now(),
      };
      st.portalSessions.push(ps);
      return { status: 200, body: ps };
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/:id',
    handler: (st, { params }) => {
      const s = st.subscriptions.get(params.id!);
      return s ? { status: 200, body: subscriptionObject(s) } : missing('subscription', params.id!);
    },
  },
];

/** What a customer does on Stripe's hosted pages, and what Stripe's billing does over time. */
export const billingActions = {
  /** The tenant finishes Express onboarding. */
  completeOnboarding(st: BillingState, accountId: string, opts: { payouts?: boolean } = {}) {
    const a = st.accounts.get(accountId);
    if (!a) throw new Error(`fake stripe: no account ${accountId}`);
    Object.assign(a, {
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: opts.payouts ?? true,
      requirements: { currently_due: [], past_due: [], disabled_reason: null },
    });
    return a;
  },
  /** The customer pays on the checkout page: a customer and an active subscription appear. */
  completeCheckout(st: BillingState, sessionId: string) {
    const cs = st.checkoutSessions.get(sessionId);
    if (!cs) throw new Error(`fake stripe: no checkout session ${sessionId}`);
    let customer = cs.customer as string | null;
    if (!customer) {
      customer = fakeId('cus');
      st.customers.set(customer, { id: customer, object: 'customer', email: cs.customer_email });
    }
    const start = now();
    const sub: Obj = {
      id: fakeId('sub'),
      object: 'subscription',
      customer,
      status: 'active',
      cancel_at_period_end: false,
      metadata: cs.subscription_data_metadata as Record<string, string>,
      items: {
        object: 'list',
        data: [
          {
            id: fakeId('si'),
            object: 'subscription_item',
            price: { id: cs.price, object: 'price' },
            current_period_start: start,
            current_period_end: start + 30 * 86400,
          },
        ],
      },
      created: start,
    };
    st.subscriptions.set(sub.id, sub);
    Object.assign(cs, { status: 'complete', customer, subscription: sub.id });
    return { session: cs, subscription: sub };
  },
  /** A change made in the customer portal or by dunning (status, cancel_at_period_end). */
  updateSubscription(st: BillingState, id: string, patch: Record<string, unknown>) {
    const s = st.subscriptions.get(id);
    if (!s) throw new Error(`fake stripe: no subscription ${id}`);
    return Object.assign(s, patch);
  },
  /** A customer created directly (e.g. by an earlier checkout). */
  addCustomer(st: BillingState, email: string | null = null) {
    const id = fakeId('cus');
    st.customers.set(id, { id, object: 'customer', email });
    return id;
  },
};
