import type { BookingPaymentDetail } from '@slotwise/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../shared/i18n';
import { formatMoney, parseMoney } from '../shared/money';
import { formatDateTime } from '../shared/time';
import { useAuth } from './auth';
import { ErrorNote, TextInput, useToast } from './ui/kit';

const stateKey = (s: BookingPaymentDetail['state']): MessageKey =>
  `admin.bookings.payment.state.${s}`;

/** A booking's payment in the booking dialog: amounts from the ledger, its timeline, staff actions. */
export function BookingPayment({ bookingId, status }: { bookingId: string; status: string }) {
  const { session, me } = useAuth();
  const { t, locale } = useI18n();
  const notify = useToast();
  const qc = useQueryClient();
  // Keyed by the booking's status: a cancellation or no-show moves money, so the panel re-reads.
  const key = ['booking-payment', bookingId, status];
  const q = useQuery({
    queryKey: key,
    retry: false,
    queryFn: () => session.sdk.admin.payments.booking({ params: { id: bookingId } }),
  });
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: async (kind: 'capture' | 'release' | 'refund' | 'charge_fee') => {
      const p = q.data!;
      const minor = amount.trim() ? parseMoney(amount, p.currency) : undefined;
      const params = { id: bookingId };
      if (kind === 'capture') return session.sdk.admin.payments.capture({ params, body: minor ? { amount: minor } : {} });
      if (kind === 'release') return session.sdk.admin.payments.release({ params, body: {} });
      if (kind === 'refund') return session.sdk.admin.payments.refund({ params, body: { amount: minor ?? p.refundable, reason: reason || t('admin.bookings.payment.defaultRefundReason') } });
      return session.sdk.admin.payments.chargeFee({ params, body: { amount: minor ?? 0, reason: reason || t('admin.bookings.payment.defaultFeeReason') } });
    },
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['payments'] });
      setAmount('');
      setReason('');
      notify(t('admin.bookings.payment.updated'));
    },
  });
  // A booking that takes no payment answers 422: nothing to show.
  if (q.isError || !q.data) return null;
  const p = q.data;
  const m = (v: number) => formatMoney(v, p.currency, locale);
  return (
    <section className="payment" aria-label={t('admin.bookings.payment.title')} data-testid="booking-payment">
      <h3>
        {t('admin.bookings.payment.title')} <span className={`badge badge--${p.state === 'paid' || p.state === 'settled' ? 'confirmed' : p.state === 'failed' ? 'cancelled' : 'pending'}`}>{t(stateKey(p.state))}</span>
      </h3>
      <p>
        {t('admin.bookings.payment.summary', { paid: m(p.paid), refunded: m(p.refunded) })}
        {p.held > 0 && t('admin.bookings.payment.held', { amount: m(p.held) })}
        {p.inFlight > 0 && t('admin.bookings.payment.inFlight', { count: p.inFlight })}
      </p>
      <ol className="timeline">
        {p.ledger.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.createdAt, me.tenant.timeZone, locale)} —{' '}
            {t(`admin.bookings.payment.entry.${e.entry}`)} {m(e.amount)}{' '}
            <span className="muted">
              ({t(`admin.bookings.payment.phase.${e.phase}`)}
              {e.reason ? `, ${e.reason}` : ''})
            </span>
          </li>
        ))}
      </ol>
      {p.allowedActions.length > 0 && (
        <div className="grid-3">
          <TextInput label={t('admin.bookings.payment.amount', { currency: p.currency })} inputMode="decimal" placeholder={t('admin.bookings.payment.all')} value={amount} onChange={(e) => setAmount(e.target.value)} />
          <TextInput label={t('admin.bookings.payment.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions actions--tight">
            {p.allowedActions.includes('capture') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('capture')}>{t('admin.bookings.payment.capture')}</button>}
            {p.allowedActions.includes('release') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('release')}>{t('admin.bookings.payment.release')}</button>}
            {p.allowedActions.includes('refund') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('refund')}>{t('admin.bookings.payment.refund')}</button>}
            {p.allowedActions.includes('charge_fee') && <button type="button" className="btn" disabled={act.isPending || !amount.trim()} onClick={() => act.mutate('charge_fee')}>{t('admin.bookings.payment.chargeFee')}</button>}
          </div>
        </div>
      )}
      {act.isError && <ErrorNote error={act.error} />}
    </section>
  );
}
