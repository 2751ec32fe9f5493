/**
 * The payment endpoints Slotwise uses: customers, PaymentIntents (create, retrieve, confirm,
 * capture, cancel), SetupIntents, refunds. Confirmation takes Stripe's test payment methods, as
 * Stripe.js would after the customer typed a card:
 *   pm_card_visa                      succeeds
 *   pm_card_chargeDeclined            declined (card_declined)
 *   pm_card_authenticationRequired    asks for 3-D Secure once (then `POST /v1/test/intents/:id/authenticate`)
 *   pm_card_authenticationRequiredOffSession  saved card that always asks: off-session charges fail with authentication_required
 */
import { StripeHttpError, type FakeStripeRoute, type RouteContext, type StripeObject } from './server';

type PI = StripeObject & {
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: 'automatic' | 'manual';
  status: string;
  metadata: Record<string, string>;
  latest_charge: string | null;
  payment_method: string | null;
  customer: string | null;
  last_payment_error: Record<string, unknown> | null;
  transfer_data: { destination: string } | null;
  application_fee_amount: number | null;
};

const get = <T extends StripeObject>(ctx: RouteContext, id: string, prefix: string): T => {
  const o = ctx.state.objects.get(id);
  if (!o || !id.startsWith(prefix))
    throw new StripeHttpError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such object: '${id}'` });
  return o as T;
};
const int = (v: unknown, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new StripeHttpError(400, { type: 'invalid_request_error', message: `Invalid integer: ${name}` });
  return n;
};
const invalidState = (message: string) => new StripeHttpError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message });

type CardBehaviour = 'ok' | 'declined' | 'auth_once' | 'auth_always';
const CARDS: Record<string, CardBehaviour> = {
  pm_card_visa: 'ok',
  pm_card_chargeDeclined: 'declined',
  pm_card_authenticationRequired: 'auth_once',
  pm_card_authenticationRequiredOffSession: 'auth_always',
};
function behaviour(ctx: RouteContext, pm: string): CardBehaviour {
  const saved = ctx.state.objects.get(pm);
  if (saved) return saved.behaviour as CardBehaviour;
  return CARDS[pm] ?? 'declined';
}
/** A confirmed test card becomes a payment method object (what a saved card is). */
function paymentMethod(ctx: RouteContext, pm: string, customer: string | null): string {
  if (ctx.state.objects.has(pm)) return pm;
  const id = ctx.id('pm');
  const b = CARDS[pm] ?? 'declined';
  ctx.state.objects.set(id, { id, object: 'payment_method', customer, behaviour: b === 'auth_once' ? 'ok' : b, card: { brand: 'visa', last4: '4242' } });
  return id;
}

function charge(ctx: RouteContext, pi: PI): void {
  if (pi.latest_charge) return;
  const id = ctx.id('ch');
  ctx.state.objects.set(id, { id, object: 'charge', amount: pi.amount, amount_captured: 0, amount_refunded: 0, payment_intent: pi.id, refunded: false, captured: false });
  pi.latest_charge = id;
}
function succeed(ctx: RouteContext, pi: PI) {
  charge(ctx, pi);
  const ch = ctx.state.objects.get(pi.latest_charge!)!;
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    ctx.emit('payment_intent.amount_capturable_updated', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    ch.amount_captured = pi.amount;
    ch.captured = true;
    ctx.emit('charge.succeeded', ch);
    ctx.emit('payment_intent.succeeded', pi);
  }
}
function decline(ctx: RouteContext, pi: PI | StripeObject, code: string, kind: 'payment' | 'setup') {
  const err = { type: 'card_error', code, decline_code: code === 'card_declined' ? 'generic_decline' : null, message: code === 'card_declined' ? 'Your card was declined.' : 'This payment requires authentication.' };
  pi.status = 'requires_payment_method';
  if (kind === 'payment') {
    pi.last_payment_error = err;
    ctx.emit('payment_intent.payment_failed', pi as PI);
  } else {
    pi.last_setup_error = err;
    ctx.emit('setup_intent.setup_failed', pi);
  }
  return err;
}

/** The intent with latest_charge expanded when asked (?expand[]=latest_charge). */
function view(ctx: RouteContext, pi: PI) {
  const expand = ([] as unknown[]).concat(ctx.query.expand ?? ctx.body.expand ?? []);
  if (expand.includes('latest_charge') && pi.latest_charge) return { ...pi, latest_charge: ctx.state.objects.get(pi.latest_charge) };
  return pi;
}

function confirmIntent(ctx: RouteContext, pi: PI, pmRaw: string, offSession: boolean) {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) throw invalidState(`The PaymentIntent is ${pi.status}`);
  const b = behaviour(ctx, pmRaw);
  pi.payment_method = paymentMethod(ctx, pmRaw, pi.customer);
  pi.last_payment_error = null;
  if (b === 'declined') return decline(ctx, pi, 'card_declined', 'payment');
  if (b === 'auth_always' && offSession) return decline(ctx, pi, 'authentication_required', 'payment');
  if (b === 'auth_once' || b === 'auth_always') {
    pi.status = 'requires_action';
    pi.next_action = { type: 'use_stripe_sdk' };
    ctx.emit('payment_intent.requires_action', pi);
    return null;
  }
  succeed(ctx, pi);
  return null;
}

export const paymentRoutes: FakeStripeRoute[] = [
  {
    method: 'POST',
    path: '/v1/customers',
    handler(ctx) {
      const c = { id: ctx.id('cus'), object: 'customer', name: ctx.body.name ?? null, email: ctx.body.email ?? null, metadata: ctx.body.metadata ?? {} };
      ctx.state.objects.set(c.id, c);
      return c;
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents',
    handler(ctx) {
      const b = ctx.body;
      const amount = int(b.amount, 'amount');
      if (amount < 1) throw new StripeHttpError(400, { type: 'invalid_request_error', param: 'amount', message: 'Amount must be at least 1' });
      const td = b.transfer_data as { destination?: string } | undefined;
      const pi: PI = {
        id: ctx.id('pi'),
        object: 'payment_intent',
        amount,
        amount_capturable: 0,
        amount_received: 0,
        currency: String(b.currency),
        capture_method: b.capture_method === 'manual' ? 'manual' : 'automatic',
        status: 'requires_payment_method',
        client_secret: '',
        metadata: (b.metadata as Record<string, string>) ?? {},
        latest_charge: null,
        payment_method: null,
        customer: (b.customer as string) ?? null,
        last_payment_error: null,
        transfer_data: td?.destination ? { destination: td.destination } : null,
        application_fee_amount: b.application_fee_amount !== undefined ? int(b.application_fee_amount, 'application_fee_amount') : null,
        description: b.description ?? null,
      };
      pi.client_secret = `${pi.id}_secret_${ctx.id('s').slice(2)}`;
      ctx.state.objects.set(pi.id, pi);
      ctx.emit('payment_intent.created', pi);
      if (b.confirm === 'true' && typeof b.payment_method === 'string') {
        const err = confirmIntent(ctx, pi, b.payment_method, b.off_session === 'true');
        // Stripe answers a refused confirmation with a 402 card error carrying the intent.
        if (err) throw new StripeHttpError(402, { ...err, payment_intent: pi });
      }
      return pi;
    },
  },
  { method: 'GET', path: '/v1/payment_intents/:id', handler: (ctx) => view(ctx, get<PI>(ctx, ctx.params.id!, 'pi_')) },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/confirm',
    handler(ctx) {
      const pi = get<PI>(ctx, ctx.params.id!, 'pi_');
      const err = confirmIntent(ctx, pi, String(ctx.body.payment_method ?? 'pm_card_visa'), false);
      if (err) throw new StripeHttpError(402, { ...err, payment_intent: pi });
      return pi;
    },
  },
  {
    // Test control (not Stripe's API): the customer completes or fails 3-D Secure.
    method: 'POST',
    path: '/v1/test/intents/:id/authenticate',
    handler(ctx) {
      const o = get<PI>(ctx, ctx.params.id!, ctx.params.id!.startsWith('seti_') ? 'seti_' : 'pi_');
      if (o.status !== 'requires_action') throw invalidState('Nothing to authenticate');
      if (ctx.body.approve !== 'true') return { ...decline(ctx, o, 'payment_intent_authentication_failure', o.object === 'setup_intent' ? 'setup' : 'payment') };
      if (o.object === 'setup_intent') {
        o.status = 'succeeded';
        ctx.emit('setup_intent.succeeded', o);
      } else succeed(ctx, o);
      return o;
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/capture',
    handler(ctx) {
      const pi = get<PI>(ctx, ctx.params.id!, 'pi_');
      if (pi.status !== 'requires_capture') throw invalidState(`This PaymentIntent could not be captured because it has a status of ${pi.status}.`);
      const amount = ctx.body.amount_to_capture !== undefined ? int(ctx.body.amount_to_capture, 'amount_to_capture') : pi.amount_capturable;
      if (amount > pi.amount_capturable) throw invalidState('amount_to_capture exceeds the capturable amount');
      if (ctx.body.application_fee_amount !== undefined) pi.application_fee_amount = int(ctx.body.application_fee_amount, 'application_fee_amount');
      pi.status = 'succeeded';
      pi.amount_received = amount;
      pi.amount_capturable = 0;
      const ch = ctx.state.objects.get(pi.latest_charge!)!;
      ch.amount_captured = amount;
      ch.captured = true;
      ctx.emit('charge.captured', ch);
      ctx.emit('payment_intent.succeeded', pi);
      return pi;
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/:id/cancel',
    handler(ctx) {
      const pi = get<PI>(ctx, ctx.params.id!, 'pi_');
      if (pi.status === 'succeeded' || pi.status === 'canceled') throw invalidState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`);
      pi.status = 'canceled';
      pi.amount_capturable = 0;
      ctx.emit('payment_intent.canceled', pi);
      return pi;
    },
  },
  {
    method: 'POST',
    path: '/v1/setup_intents',
    handler(ctx) {
      const si: StripeObject = {
        id: ctx.id('seti'),
        object: 'setup_intent',
        status: 'requires_payment_method',
        customer: ctx.body.customer ?? null,
        usage: ctx.body.usage ?? 'off_session',
        metadata: ctx.body.metadata ?? {},
        payment_method: null,
        last_setup_error: null,
      };
      si.client_secret = `${si.id}_secret_${ctx.id('s').slice(2)}`;
      ctx.state.objects.set(si.id, si);
      return si;
    },
  },
  { method: 'GET', path: '/v1/setup_intents/:id', handler: (ctx) => get(ctx, ctx.params.id!, 'seti_') },
  {
    method: 'POST',
    path: '/v1/setup_intents/:id/confirm',
    handler(ctx) {
      const si = get(ctx, ctx.params.id!, 'seti_');
      const raw = String(ctx.body.payment_method ?? 'pm_card_visa');
      const b = behaviour(ctx, raw);
      si.payment_method = paymentMethod(ctx, raw, (si.customer as string) ?? null);
      if (b === 'declined') throw new StripeHttpError(402, { ...decline(ctx, si, 'card_declined', 'setup'), setup_intent: si });
      if (b === 'auth_once' || b === 'auth_always') {
        si.status = 'requires_action';
        return si;
      }
      si.status = 'succeeded';
      ctx.emit('setup_intent.succeeded', si);
      return si;
    },
  },
  {
    method: 'POST',
    path: '/v1/refunds',
    handler(ctx) {
      const pi = get<PI>(ctx, String(ctx.body.payment_intent), 'pi_');
      const ch = pi.latest_charge ? ctx.state.objects.get(pi.latest_charge) : undefined;
      const refundable = pi.amount_received - Number(ch?.amount_refunded ?? 0);
      const amount = ctx.body.amount !== undefined ? int(ctx.body.amount, 'amount') : refundable;
      if (!ch || amount < 1 || amount > refundable)
        throw new StripeHttpError(400, { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})` });
      ch.amount_refunded = Number(ch.amount_refunded) + amount;
      ch.refunded = ch.amount_refunded === pi.amount_received;
      const re = {
        id: ctx.id('re'),
        object: 'refund',
        amount,
        charge: ch.id,
        payment_intent: pi.id,
        status: 'succeeded',
        reverse_transfer: ctx.body.reverse_transfer === 'true',
        metadata: ctx.body.metadata ?? {},
      };
      ctx.state.objects.set(re.id, re);
      ctx.emit('charge.refunded', ch);
      return re;
    },
  },
];
