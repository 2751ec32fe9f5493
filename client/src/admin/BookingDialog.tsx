import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BookingAction } from '@slotwise/contracts';
import { formatMoney } from '../shared/money';
import { Link } from '../shared/router';
import { formatDateTime, formatTime } from '../shared/time';
import { MoveForm } from './booking-dialog/MoveForm';
import { ParticipantNames } from './booking-dialog/ParticipantNames';
import { ErrorState, Loading } from '../shared/ui/states';
import { useAuth } from './auth';
import { adminKeys, useProviderList, type BookingDetail } from './data';
import { Dialog, ErrorNote, Select, TextArea, TextInput, useToast } from './ui/kit';
import { BookingMessages } from './messages';
import { BookingPayment } from './BookingPayment';

export const STATUS_LABEL: Record<string, string> = {
  pending: 'Pending',
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

type Lifecycle = Exclude<BookingAction, 'reschedule'>;
const ACTIONS: {
  action: Lifecycle;
  label: string;
  method: 'approve' | 'decline' | 'confirm' | 'checkIn' | 'complete' | 'cancel' | 'noShow';
  style: string;
  reason?: 'required' | 'optional';
}[] = [
  { action: 'approve', label: 'Approve', method: 'approve', style: 'btn--primary' },
  { action: 'confirm', label: 'Confirm', method: 'confirm', style: 'btn--primary' },
  { action: 'check_in', label: 'Check in', method: 'checkIn', style: 'btn--secondary' },
  { action: 'complete', label: 'Complete', method: 'complete', style: 'btn--primary' },
  { action: 'mark_no_show', label: 'No-show', method: 'noShow', style: 'btn--secondary' },
  {
    action: 'decline',
    label: 'Decline',
    method: 'decline',
    style: 'btn--danger',
    reason: 'required',
  },
  {
    action: 'cancel',
    label: 'Cancel booking',
    method: 'cancel',
    style: 'btn--danger',
    reason: 'optional',
  },
];

/** Everything about one booking, with the lifecycle actions its status allows. */
export function BookingDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { session, me } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
  const booking = useQuery({
    queryKey: adminKeys.booking(id),
    queryFn: () => session.sdk.bookings.get({ params: { id } }),
  });
  const [pending, setPending] = useState<(typeof ACTIONS)[number] | null>(null);
  const [reason, setReason] = useState('');
  const [moving, setMoving] = useState(false);

  const settle = (b: BookingDetail, message: string) => {
    queryClient.setQueryData(adminKeys.booking(id), b);
    void queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
    notify(message);
  };

  const act = useMutation({
    mutationFn: (a: (typeof ACTIONS)[number]) =>
      session.sdk.bookings[a.method]({
        params: { id },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    onSuccess: (b, a) => {
      settle(b, `${a.label}: done`);
      setPending(null);
      setReason('');
    },
  });
  const notes = useMutation({
    mutationFn: (staffNotes: string) =>
      session.sdk.bookings.update({ params: { id }, body: { staffNotes } }),
    onSuccess: (b) => settle(b, 'Notes saved'),
  });

  const b = booking.data;
  return (
    <Dialog
      open
      title={b ? `${b.service.name} · ${b.customer.name}` : 'Booking'}
      onClose={onClose}
      wide
    >
      {booking.isPending ? (
        <Loading label="Loading booking…" />
      ) : booking.isError || !b ? (
        <ErrorState title="Could not load this booking" onRetry={() => booking.refetch()} />
      ) : (
        <div className="stack">
          <div className="booking-head">
            <span className={`badge badge--${b.status}`}>{STATUS_LABEL[b.status]}</span>
            <span className="mono">{b.code}</span>
            {b.outsideAvailability && <span className="badge">Outside hours</span>}
          </div>
          <dl className="facts facts--2">
            <div>
              <dt>When</dt>
              <dd>
                {formatDateTime(b.start, zone, 'en')} – {formatTime(b.end, zone, 'en')}
                {b.timeZone && b.timeZone !== zone && (
                  <div className="muted small">
                    Customer’s time: {formatDateTime(b.start, b.timeZone, 'en')} ({b.timeZone})
                  </div>
                )}
              </dd>
            </div>
            <div>
              <dt>With</dt>
              <dd><ParticipantNames booking={b} /></dd>
            </div>
            <div>
              <dt>Customer</dt>
              <dd>
                <Link to={`/admin/customers/${b.customer.id}`}>{b.customer.name}</Link>
                <div className="muted small">
                  {[b.customer.email, b.customer.phone].filter(Boolean).join(' · ')}
                </div>
              </dd>
            </div>
            <div>
              <dt>Price</dt>
              <dd>
                {formatMoney(b.priceCents, b.currency, 'en')}
                {b.depositCents > 0 && (
                  <span className="muted">
                    {' '}
                    · deposit {formatMoney(b.depositCents, b.currency, 'en')}
                  </span>
                )}
              </dd>
            </div>
            {b.notes && (
              <div>
                <dt>Customer’s note</dt>
                <dd>{b.notes}</dd>
              </div>
            )}
            {b.answers.map((a) => (
              <div key={a.key}>
                <dt>{a.label}</dt>
                <dd>{Array.isArray(a.value) ? a.value.join(', ') : String(a.value)}</dd>
              </div>
            ))}
            {b.cancelReason && (
              <div>
                <dt>Cancellation reason</dt>
                <dd>{b.cancelReason}</dd>
              </div>
            )}
          </dl>
          <BookingPayment bookingId={b.id} status={b.status} />

          {b.allowedActions.length > 0 && !pending && !moving && (
            <div className="actions actions--tight" aria-label="Actions">
              {ACTIONS.filter((a) => b.allowedActions.includes(a.action)).map((a) => (
                <button
                  key={a.action}
                  type="button"
                  className={`btn btn--small ${a.style}`}
                  disabled={act.isPending}
                  onClick={() => (a.reason ? setPending(a) : act.mutate(a))}
                >
                  {a.label}
                </button>
              ))}
              {b.allowedActions.includes('reschedule') && (
                <button
                  type="button"
                  className="btn btn--small btn--secondary"
                  onClick={() => setMoving(true)}
                >
                  Reschedule
                </button>
              )}
            </div>
          )}
          {(b.status === 'confirmed' || b.status === 'checked_in') &&
            new Date(b.start) > new Date() && (
              <p className="muted small" data-testid="timing-hint">
                Check-in opens shortly before the start (see Settings → Booking rules); Complete and
                No-show become available once it starts.
              </p>
            )}
          {pending && (
            <form
              className="panel"
              onSubmit={(e) => {
                e.preventDefault();
                act.mutate(pending);
              }}
            >
              <TextArea
                label={
                  pending.reason === 'required'
                    ? 'Reason (sent to the customer)'
                    : 'Reason (optional, sent to the customer)'
                }
                value={reason}
                required={pending.reason === 'required'}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
              <div className="actions actions--tight">
                <button className={`btn btn--small ${pending.style}`} disabled={act.isPending}>
                  {pending.label}
                </button>
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  onClick={() => setPending(null)}
                >
                  Back
                </button>
              </div>
            </form>
          )}
          {moving && (
            <MoveForm
              booking={b}
              onDone={(nb) => (settle(nb, 'Booking moved'), setMoving(false))}
              onCancel={() => setMoving(false)}
            />
          )}
          <ErrorNote error={act.error} />

          <NotesEditor
            initial={b.staffNotes}
            saving={notes.isPending}
            onSave={(v) => notes.mutate(v)}
          />
          <ErrorNote error={notes.error} />

          <section aria-label="History">
            <h3 className="section-title">History</h3>
            <ol className="timeline">
              {b.history.map((h) => (
                <li key={h.id}>
                  <span className="muted small">{formatDateTime(h.at, zone, 'en')}</span>{' '}
                  <strong>{h.action.replace(/_/g, ' ')}</strong>
                  {h.toStatus && h.fromStatus !== h.toStatus && (
                    <span> → {STATUS_LABEL[h.toStatus]}</span>
                  )}
                  <span className="muted"> by {h.actor.type.replace('_', ' ')}</span>
                  {h.reason && <span className="muted"> · “{h.reason}”</span>}
                </li>
              ))}
            </ol>
          </section>
          <BookingMessages bookingId={b.id} zone={zone} />
        </div>
      )}
    </Dialog>
  );
}

function NotesEditor({
  initial,
  saving,
  onSave,
}: {
  initial: string;
  saving: boolean;
  onSave(v: string): void;
}) {
  const [v, setV] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
      className="stack stack--tight"
    >
      <TextArea
        label="Staff notes (never shown to the customer)"
        value={v}
        onChange={(e) => setV(e.target.value)}
      />
      <div>
        <button className="btn btn--secondary btn--small" disabled={saving || v === initial}>
          Save notes
        </button>
      </div>
    </form>
  );
}
