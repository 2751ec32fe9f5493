import { randomBytes } from 'node:crypto';
import {
  GatewayRefusal,
  WebhookSignatureError,
  type GatewayError,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewaySetupIntent,
  type PaymentGateway,
  type TestCard,
} from '../../ports/payment-gateway';

/**
 * The embedded default's payment gateway: Stripe's state machine in process, with Stripe's test
 * cards, so `npm start` takes deposits with no account. State lives in memory (a restart forgets
 * unfinished intents; their bookings then expire like abandoned ones). Not for real money.
 *
 *   4242 4242 4242 4242  succeeds
 *   4000 0000 0000 0002  declined (card_declined)
 *   4000 0000 0000 9995  declined (insufficient_funds)
 *   4000 0025 0000 3155  asks for authentication once (the local stand-in for 3-D Secure)
 *   4000 0027 6000 3184  asks for authentication every time, off-session charges included
 */
type Card = 'ok' | 'declined' | 'insufficient' | 'auth_once' | 'auth_always';
const CARDS: Record<string, Card> = {
  '4242424242424242': 'ok',
  '5555555555554444': 'ok',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient',
  '4000002500003155': 'auth_once',
  '4000002760003184': 'auth_always',
};

const id = (prefix: string) => `${prefix}_local_${randomBytes(9).toString('hex')}`;
const declined = (code: string, declineCode: string | null, message: string): GatewayError => ({ code, declineCode, message });

const LocalCardError = GatewayRefusal;

export function localPaymentGateway(): PaymentGateway {
  const intents = new Map<string, GatewayPaymentIntent>();
  const setups = new Map<string, GatewaySetupIntent>();
  const methods = new Map<string, Card>();
  const awaitingAuth = new Map<string, string>(); // intent id → payment method
  const refunds = new Map<string, GatewayRefund>();
  const byKey = new Map<string, unknown>();

  function once<T>(key: string, make: () => T): T {
    if (byKey.has(key)) return structuredClone(byKey.get(key)) as T;
    const v = make();
    byKey.set(key, structuredClone(v));
    return v;
  }
  const pi = (intentId: string) => {
    const v = intents.get(intentId);
    if (!v) throw new LocalCardError('unknown_intent', `No such payment intent: ${intentId}`);
    return v;
  };

  /** Applies a card to an intent as Stripe would after confirmation. */
  function applyCard(target: GatewayPaymentIntent | GatewaySetupIntent, pm: string, card: Card, authenticated: boolean) {
    target.paymentMethod = pm;
    target.lastError = null;
    if (card === 'declined' || card === 'insufficient') {
      target.status = 'requires_payment_method';
      target.lastError = declined('card_declined', card === 'declined' ? 'generic_decline' : 'insufficient_funds', 'Your card was declined.');
      return;
    }
    if (!authenticated && (card === 'auth_once' || card === 'auth_always')) {
      target.status = 'requires_action';
      awaitingAuth.set(target.id, pm);
      return;
    }
    if ('amountMinor' in target) {
      if (target.captureMethod === 'manual') {
        target.status = 'requires_capture';
        target.capturableMinor = target.amountMinor;
      } else {
        target.status = 'succeeded';
        target.receivedMinor = target.amountMinor;
      }
    } else {
      target.status = 'succeeded';
    }
  }

  return {
    name: 'local',
    clientMode: 'local',
    async createCustomer(p) {
      return once(`cus:${p.idempotencyKey}`, () => id('cus'));
    },
    async createPaymentIntent(p) {
      return once(`pi:${p.idempotencyKey}`, () => {
        const intent: GatewayPaymentIntent = {
          id: id('pi'),
          status: 'requires_payment_method',
          amountMinor: p.amountMinor,
          capturableMinor: 0,
          receivedMinor: 0,
          currency: p.currency.toUpperCase(),
          captureMethod: p.captureMethod,
          clientSecret: null,
          paymentMethod: null,
          customer: p.customer,
          metadata: { ...p.metadata },
          lastError: null,
          refundedMinor: 0,
        };
        intent.clientSecret = `${intent.id}_secret_${randomBytes(8).toString('hex')}`;
        if (p.offSession) {
          const card = methods.get(p.offSession.paymentMethod) ?? 'declined';
          // Off-session nobody can authenticate: a card that insists fails with authentication_required.
          if (card === 'auth_always') {
            intent.paymentMethod = p.offSession.paymentMethod;
            intent.lastError = declined('authentication_required', null, 'This payment requires authentication.');
          } else applyCard(intent, p.offSession.paymentMethod, card, true);
        }
        intents.set(intent.id, intent);
        return structuredClone(intent);
      });
    },
    async retrievePaymentIntent(intentId) {
      return structuredClone(pi(intentId));
    },
    async capturePaymentIntent(intentId, p) {
      return once(`capture:${p.idempotencyKey}`, () => {
        const intent = pi(intentId);
        if (intent.status !== 'requires_capture' || p.amountMinor > intent.capturableMinor)
          throw new LocalCardError('invalid_state', `Cannot capture ${p.amountMinor} from ${intent.status}`);
        intent.status = 'succeeded';
        intent.receivedMinor = p.amountMinor;
        intent.capturableMinor = 0;
        return structuredClone(intent);
      });
    },
    async cancelPaymentIntent(intentId, p) {
      return once(`cancel:${p.idempotencyKey}`, () => {
        const intent = pi(intentId);
        if (intent.status === 'succeeded') throw new LocalCardError('invalid_state', 'A succeeded intent cannot be canceled');
        intent.status = 'canceled';
        intent.capturableMinor = 0;
        return structuredClone(intent);
      });
    },
    async createSetupIntent(p) {
      return once(`seti:${p.idempotencyKey}`, () => {
        const s: GatewaySetupIntent = {
          id: id('seti'),
          status: 'requires_payment_method',
          clientSecret: null,
          paymentMethod: null,
          customer: p.customer,
          metadata: { ...p.metadata },
          lastError: null,
        };
        s.clientSecret = `${s.id}_secret_${randomBytes(8).toString('hex')}`;
        setups.set(s.id, s);
        return structuredClone(s);
      });
    },
    async retrieveSetupIntent(setupId) {
      const s = setups.get(setupId);
      if (!s) throw new LocalCardError('unknown_intent', `No such setup intent: ${setupId}`);
      return structuredClone(s);
    },
    async refund(p) {
      return once(`refund:${p.idempotencyKey}`, () => {
        const intent = pi(p.paymentIntent);
        if (p.amountMinor <= 0 || p.amountMinor > intent.receivedMinor - intent.refundedMinor)
          throw new LocalCardError('invalid_state', 'Refund exceeds what is refundable');
        intent.refundedMinor += p.amountMinor;
        const r: GatewayRefund = { id: id('re'), amountMinor: p.amountMinor, status: 'succeeded', paymentIntent: intent.id };
        refunds.set(r.id, r);
        return r;
      });
    },
    parseWebhook() {
      throw new WebhookSignatureError('The local payment gateway sends no webhooks');
    },
    async confirmWithTestCard(intentId: string, c: TestCard) {
      const number = c.number.replace(/[\s-]/g, '');
      const now = new Date();
      if (!/^\d{12,19}$/.test(number)) throw new LocalCardError('invalid_card', 'The card number is incomplete');
      if (!/^\d{3,4}$/.test(c.cvc)) throw new LocalCardError('invalid_card', 'The security code is incomplete');
      if (c.expYear < now.getUTCFullYear() || (c.expYear === now.getUTCFullYear() && c.expMonth < now.getUTCMonth() + 1))
        throw new LocalCardError('invalid_card', 'The card has expired');
      const card = CARDS[number] ?? 'declined';
      const pm = id('pm');
      methods.set(pm, card === 'auth_once' ? 'ok' : card);
      const target = intents.get(intentId) ?? setups.get(intentId);
      if (!target) throw new LocalCardError('unknown_intent', `No such intent: ${intentId}`);
      if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(target.status))
        throw new LocalCardError('invalid_state', `The intent is ${target.status}`);
      applyCard(target, pm, card, false);
    },
    async completeAuthentication(intentId: string, approve: boolean) {
      const target = intents.get(intentId) ?? setups.get(intentId);
      const pm = awaitingAuth.get(intentId);
      if (!target || !pm || target.status !== 'requires_action')
        throw new LocalCardError('invalid_state', 'Nothing is waiting for authentication');
      awaitingAuth.delete(intentId);
      if (!approve) {
        target.status = 'requires_payment_method';
        target.lastError = declined('payment_intent_authentication_failure', null, 'Authentication failed.');
        return;
      }
      applyCard(target, pm, 'ok', true);
    },
  };
}
