import Stripe from 'stripe';
import { expect } from 'vitest';
import { at, book, catalogue, manualClock, NOW, ownerQuery, signupOwner, type Owner } from '../bookings/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '../support/fake-stripe/server';

export { at, NOW, ownerQuery };

export interface PayEnv {
  app: TestApp;
  fake: FakeStripe;
  clock: ReturnType<typeof manualClock>;
  owner: Owner;
  /** The SDK as the customer's browser (Stripe.js) would use it: confirms intents with test cards. */
  browser: Stripe;
}

export async function startPaymentsApp(env: Record<string, string> = {}): Promise<PayEnv> {
  const fake = await startFakeStripe();
  const clock = manualClock(NOW);
  const app = await startTestApp({ PUBLIC_URL: 'https://book.example.com', ...fakeStripeEnv(fake), ...env }, { clock });
  fake.setWebhookTarget(`${app.baseUrl}/v1/webhooks/stripe`);
  const owner = await signupOwner(app, { currency: 'USD' });
  const browser = new Stripe('sk_test_browser', { host: fake.host, port: fake.port, protocol: 'http', maxNetworkRetries: 0 });
  return { app, fake, clock, owner, browser };
}

export async function paidService(e: PayEnv, policy: Record<string, unknown>, o: { priceCents?: number } = {}) {
  const { serviceId } = await catalogue(e.app, e.owner, { priceCents: o.priceCents ?? 5000 });
  const r = await e.app.http.patch(`/v1/admin/services/${serviceId}`).set(e.owner.auth).send({ paymentPolicy: policy });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return serviceId;
}

export async function bookPaid(e: PayEnv, serviceId: string, start: string) {
  const b = (await book(e.app, e.owner, serviceId, start)) as unknown as Record<string, unknown>;
  expect(b.status).toBe('pending_payment');
  expect(b.payment, 'the payment is prepared with the booking').toBeTruthy();
  return b as unknown as { id: string; manageToken: string; payment: { clientSecret: string; amountDue: number; intentKind: string } };
}

export const intentIdOf = (clientSecret: string) => clientSecret.split('_secret_')[0]!;

/** The customer confirms in the browser (Stripe.js) with a test payment method; errors are the card's. */
export async function customerPays(e: PayEnv, clientSecret: string, pm: string) {
  const id = intentIdOf(clientSecret);
  try {
    if (id.startsWith('seti_')) await e.browser.setupIntents.confirm(id, { payment_method: pm });
    else await e.browser.paymentIntents.confirm(id, { payment_method: pm });
    return null;
  } catch (err) {
    return err as Stripe.errors.StripeError;
  }
}

export async function bookingStatus(e: PayEnv, id: string) {
  const r = await e.app.http.get(`/v1/admin/bookings/${id}`).set(e.owner.auth);
  return r.body.status as string;
}

export async function paymentOf(e: PayEnv, id: string) {
  const r = await e.app.http.get(`/v1/admin/bookings/${id}/payment`).set(e.owner.auth);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as {
    state: string; paid: number; collected: number; refunded: number; held: number; inFlight: number;
    allowedActions: string[]; ledger: { entry: string; phase: string; amount: number; operationKey: string }[];
  };
}

/** Polls (never sleeps a fixed time) until `check` passes. */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
