import type { BookingPaymentDetail } from '@slotwise/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney, parseMoney } from '../shared/money';
import { useAuth } from './auth';
import { ErrorNote, TextInput, useToast } from './ui/kit';

const STATE_LABEL: Record<BookingPaymentDetail['state'], string> = {
  awaiting_payment: 'Awaiting payment',
  action_required: 'Customer must authenticate',
  failed: 'Payment failed',
  authorized: 'Card hold',
  paid: 'Paid',
  card_saved: 'Card on file',
  settled: 'Settled',
  voided: 'Voided',
};

/** A booking's payment in the booking dialog: amounts from the ledger, its timeline, staff actions. */
export function BookingPayment({ bookingId, status }: { bookingId: string; status: string }) {
  const { session } = useAuth();
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
      if (kind === 'refund') return session.sdk.admin.payments.refund({ params, body: { amount: minor ?? p.refundable, reason: reason || 'Refund' } });
      return session.sdk.admin.payments.chargeFee({ params, body: { amount: minor ?? 0, reason: reason || 'Fee' } });
    },
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['payments'] });
      setAmount('');
      setReason('');
      notify('Payment updated');
    },
  });
  // A booking that takes no payment answers 422: nothing to show.
  if (q.isError || !q.data) return null;
  const p = q.data;
  const m = (v: number) => formatMoney(v, p.currency, 'en');
  return (
    <section className="payment" aria-label="Payment" data-testid="booking-payment">
      <h3>
        Payment <span className={`badge badge--${p.state === 'paid' || p.state === 'settled' ? 'confirmed' : p.state === 'failed' ? 'cancelled' : 'pending'}`}>{STATE_LABEL[p.state]}</span>
      </h3>
      <p>
        Paid {m(p.paid)} · refunded {m(p.refunded)}
        {p.held > 0 && ` · held ${m(p.held)}`}
        {p.inFlight > 0 && ` · ${p.inFlight} operation(s) in progress`}
      </p>
      <ol className="timeline">
        {p.ledger.map((e) => (
          <li key={e.id}>
            {new Date(e.createdAt).toLocaleString()} — {e.entry} {m(e.amount)} <span className="muted">({e.phase}{e.reason ? `, ${e.reason}` : ''})</span>
          </li>
        ))}
      </ol>
      {p.allowedActions.length > 0 && (
        <div className="grid-3">
          <TextInput label={`Amount (${p.currency})`} inputMode="decimal" placeholder="all" value={amount} onChange={(e) => setAmount(e.target.value)} />
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions actions--tight">
            {p.allowedActions.includes('capture') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('capture')}>Capture</button>}
            {p.allowedActions.includes('release') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('release')}>Release</button>}
            {p.allowedActions.includes('refund') && <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('refund')}>Refund</button>}
            {p.allowedActions.includes('charge_fee') && <button type="button" className="btn" disabled={act.isPending || !amount.trim()} onClick={() => act.mutate('charge_fee')}>Charge fee</button>}
          </div>
        </div>
      )}
      {act.isError && <ErrorNote error={act.error} />}
    </section>
  );
}
