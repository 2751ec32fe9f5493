import type { PaymentCheckout, PaymentPolicy } from '@slotwise/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorCode } from '../shared/api';
import { useI18n, type I18n } from '../shared/i18n';
import { formatMoney } from '../shared/money';
import { useSdk } from '../shared/sdk-context';
import { formatTime } from '../shared/time';
import { errorText } from './messages';

/** "Cancellation: free until 48 h, 50 % less than 48 h before… No-show: $15.00" from a policy. */
export function policyText(policy: PaymentPolicy, priceCents: number, currency: string, t: I18n['t'], locale: string): string {
  const tiers = [...policy.cancellationTiers]
    .sort((a, b) => b.hoursBefore - a.hoursBefore)
    .map((x) => t('pay.tier', { percent: x.feePercent, hours: x.hoursBefore }));
  const f = policy.noShowFee;
  const noShow =
    f.type === 'fixed'
      ? formatMoney(Math.min(f.value, priceCents), currency, locale)
      : f.type === 'percent'
        ? formatMoney(Math.round((priceCents * f.value) / 100), currency, locale)
        : t('pay.free');
  return t('pay.policy', { tiers: tiers.length ? tiers.join(', ') : t('pay.free'), noShow });
}

type StripeJs = {
  elements(o: { clientSecret: string }): { create(kind: 'payment'): { mount(el: HTMLElement): void } };
  confirmPayment(o: { elements: unknown; redirect: 'if_required' }): Promise<{ error?: { message?: string } }>;
  confirmSetup(o: { elements: unknown; redirect: 'if_required' }): Promise<{ error?: { message?: string } }>;
};
declare global {
  interface Window {
    Stripe?: (key: string) => StripeJs;
  }
}

/** Stripe.js from Stripe (never bundled: PCI scope stays with Stripe). */
function loadStripe(): Promise<NonNullable<Window['Stripe']>> {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'https://js.stripe.com/v3';
    s.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error('Stripe.js did not load')));
    s.onerror = () => reject(new Error('Stripe.js did not load'));
    document.head.appendChild(s);
  });
}

/**
 * The booking's payment step: Stripe's Payment Element when the server uses Stripe, the local
 * test-card form with the embedded default. Either way the server decides: after the card step it
 * re-reads the payment and the booking turns confirmed (or stays pending_payment until its hold ends).
 */
export function PaymentPanel({ token, initial, zone, onPaid }: { token: string; initial: PaymentCheckout | null; zone: string; onPaid(p: PaymentCheckout): void }) {
  const { t, locale } = useI18n();
  const sdk = useSdk();
  const [pay, setPay] = useState<PaymentCheckout | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '' });
  const elementRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: StripeJs; elements: unknown } | null>(null);

  useEffect(() => {
    if (pay) return;
    sdk.public.payments.get({ params: { token } }).then(setPay, (e: unknown) => setError(errorText(e, t)));
  }, [pay, sdk, token, t]);

  useEffect(() => {
    if (!pay || pay.clientMode !== 'stripe' || !pay.clientSecret || !pay.publishableKey || !elementRef.current || stripeRef.current) return;
    loadStripe().then(
      (Stripe) => {
        const stripe = Stripe(pay.publishableKey!);
        const elements = stripe.elements({ clientSecret: pay.clientSecret! });
        elements.create('payment').mount(elementRef.current!);
        stripeRef.current = { stripe, elements };
      },
      () => setError(t('error.offline')),
    );
  }, [pay, t]);

  if (!pay) return error ? <div className="alert alert--error" role="alert">{error}</div> : <p className="muted">{t('common.loading')}</p>;
  const amount = formatMoney(pay.amountDue, pay.currency, locale);
  const settle = (p: PaymentCheckout) => {
    setPay(p);
    if (p.bookingStatus === 'confirmed' || p.bookingStatus === 'pending') onPaid(p);
  };
  const run = async (fn: () => Promise<PaymentCheckout>) => {
    setBusy(true);
    setError(null);
    try {
      settle(await fn());
    } catch (e) {
      setError(errorCode(e) === 'card_declined' ? t('pay.declined') : errorText(e, t));
      sdk.public.payments.get({ params: { token } }).then(setPay, () => undefined);
    } finally {
      setBusy(false);
    }
  };
  const submitLocal = (ev: FormEvent) => {
    ev.preventDefault();
    const [mm, yy] = card.expiry.split('/').map((x) => Number(x.trim()));
    void run(() =>
      sdk.public.payments.card({
        params: { token },
        body: { number: card.number, expMonth: mm || 0, expYear: 2000 + (yy || 0), cvc: card.cvc },
      }),
    );
  };
  const submitStripe = async (ev: FormEvent) => {
    ev.preventDefault();
    const s = stripeRef.current;
    if (!s) return;
    setBusy(true);
    const r = pay.intentKind === 'setup'
      ? await s.stripe.confirmSetup({ elements: s.elements, redirect: 'if_required' })
      : await s.stripe.confirmPayment({ elements: s.elements, redirect: 'if_required' });
    setBusy(false);
    if (r.error) setError(r.error.message ?? t('pay.declined'));
    await run(() => sdk.public.payments.confirm({ params: { token }, body: {} }));
  };

  if (pay.bookingStatus === 'cancelled') return <div className="alert alert--warning" role="alert">{t('pay.expired')}</div>;
  if (pay.bookingStatus !== 'pending_payment')
    return (
      <div className="alert alert--success" role="status" data-testid="payment-done">
        {t('pay.done', { amount: formatMoney(pay.paid || pay.held, pay.currency, locale) })}
      </div>
    );
  return (
    <section className="pay" aria-label={t('pay.title')} data-testid="payment-panel">
      <h3>{t('pay.title')}</h3>
      <p>
        <strong>{pay.intentKind === 'setup' ? t('pay.cardOnFile') : t('pay.due', { amount })}</strong>
      </p>
      {pay.holdExpiresAt && <p className="muted">{t('pay.holdUntil', { time: formatTime(pay.holdExpiresAt, zone, locale) })}</p>}
      {error && (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      )}
      {pay.state === 'action_required' && pay.clientMode === 'local' ? (
        <div className="pay__auth" role="dialog" aria-label={t('pay.authTitle')}>
          <p>{t('pay.authTitle')}</p>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void run(() => sdk.public.payments.authenticate({ params: { token }, body: { approve: true } }))}>
            {t('pay.approve')}
          </button>{' '}
          <button type="button" className="btn" disabled={busy} onClick={() => void run(() => sdk.public.payments.authenticate({ params: { token }, body: { approve: false } }))}>
            {t('pay.refuse')}
          </button>
        </div>
      ) : pay.clientMode === 'stripe' ? (
        <form onSubmit={(e) => void submitStripe(e)}>
          <div ref={elementRef} />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {pay.intentKind === 'setup' ? t('pay.saveCard') : t('pay.submit', { amount })}
          </button>
        </form>
      ) : (
        <form onSubmit={submitLocal} className="pay__form">
          <p className="muted">{t('pay.testMode')}</p>
          <label>
            {t('pay.card')}
            <input name="cardnumber" inputMode="numeric" autoComplete="cc-number" value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} required />
          </label>
          <label>
            {t('pay.expiry')}
            <input name="exp-date" placeholder="12/34" autoComplete="cc-exp" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} required />
          </label>
          <label>
            {t('pay.cvc')}
            <input name="cvc" inputMode="numeric" autoComplete="cc-csc" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} required />
          </label>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {pay.intentKind === 'setup' ? t('pay.saveCard') : t('pay.submit', { amount })}
          </button>
        </form>
      )}
    </section>
  );
}
