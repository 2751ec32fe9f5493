import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BookingAction, BookingStatus } from '@slotwise/contracts';
import { useI18n, type MessageKey } from '../shared/i18n';
import { formatMoney } from '../shared/money';
import { Link } from '../shared/router';
import { formatDateTime, formatTime } from '../shared/time';
import { MoveForm } from './booking-dialog/MoveForm';
import { ParticipantNames } from './booking-dialog/ParticipantNames';
import { ErrorState, Loading } from '../shared/ui/states';
import { useAuth } from './auth';
import { adminKeys, type BookingDetail } from './data';
import { Dialog, ErrorNote, TextArea, useToast } from './ui/kit';
import { BookingMessages } from './messages';
import { BookingPayment } from './BookingPayment';

/** A booking status in the admin's language: `t(statusKey(b.status))`. */
export const statusKey = (status: BookingStatus): MessageKey => `admin.bookings.status.${status}`;

/** A history entry's action and actor, worded when known (older or new actions show as stored). */
const HISTORY_ACTIONS = [
  'create',
  'confirm',
  'approve',
  'decline',
  'cancel',
  'reschedule',
  'reassign',
  'check_in',
  'complete',
  'mark_no_show',
  'payment_expired',
  'customer_erased',
] as const;
const ACTORS = ['user', 'customer', 'system', 'api_key'] as const;
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

/** English status names, kept for callers not yet on `statusKey`. */
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
  label: MessageKey;
  method: 'approve' | 'decline' | 'confirm' | 'checkIn' | 'complete' | 'cancel' | 'noShow';
  style: string;
  reason?: 'required' | 'optional';
}[] = [
  {
    action: 'approve',
    label: 'admin.bookings.action.approve',
    method: 'approve',
    style: 'btn--primary',
  },
  {
    action: 'confirm',
    label: 'admin.bookings.action.confirm',
    method: 'confirm',
    style: 'btn--primary',
  },
  {
    action: 'check_in',
    label: 'admin.bookings.action.check_in',
    method: 'checkIn',
    style: 'btn--secondary',
  },
  {
    action: 'complete',
    label: 'admin.bookings.action.complete',
    method: 'complete',
    style: 'btn--primary',
  },
  {
    action: 'mark_no_show',
    label: 'admin.bookings.action.mark_no_show',
    method: 'noShow',
    style: 'btn--secondary',
  },
  {
    action: 'decline',
    label: 'admin.bookings.action.decline',
    method: 'decline',
    style: 'btn--danger',
    reason: 'required',
  },
  {
    action: 'cancel',
    label: 'admin.bookings.action.cancel',
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
  const { t, locale } = useI18n();
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
      settle(b, t('admin.bookings.dialog.done', { action: t(a.label) }));
      setPending(null);
      setReason('');
    },
  });
  const notes = useMutation({
    mutationFn: (staffNotes: string) =>
      session.sdk.bookings.update({ params: { id }, body: { staffNotes } }),
    onSuccess: (b) => settle(b, t('admin.bookings.dialog.notesSaved')),
  });

  const b = booking.data;
  return (
    <Dialog
      open
      title={b ? `${b.service.name} · ${b.customer.name}` : t('admin.bookings.dialog.title')}
      onClose={onClose}
      wide
    >
      {booking.isPending ? (
        <Loading label={t('admin.bookings.dialog.loading')} />
      ) : booking.isError || !b ? (
        <ErrorState
          title={t('admin.bookings.dialog.loadError')}
          retryLabel={t('admin.common.tryAgain')}
          onRetry={() => booking.refetch()}
        />
      ) : (
        <div className="stack">
          <div className="booking-head">
            <span className={`badge badge--${b.status}`}>{t(statusKey(b.status))}</span>
            <span className="mono">{b.code}</span>
            {b.outsideAvailability && (
              <span className="badge">{t('admin.bookings.dialog.outsideHours')}</span>
            )}
          </div>
          <dl className="facts facts--2">
            <div>
              <dt>{t('admin.bookings.dialog.when')}</dt>
              <dd>
                {formatDateTime(b.start, zone, locale)} – {formatTime(b.end, zone, locale)}
                {b.timeZone && b.timeZone !== zone && (
                  <div className="muted small">
                    {t('admin.bookings.dialog.customerTime', {
                      when: formatDateTime(b.start, b.timeZone, locale),
                      zone: b.timeZone,
                    })}
                  </div>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('admin.common.with')}</dt>
              <dd>
                <ParticipantNames booking={b} />
              </dd>
            </div>
            <div>
              <dt>{t('admin.bookings.dialog.customer')}</dt>
              <dd>
                <Link to={`/admin/customers/${b.customer.id}`}>{b.customer.name}</Link>
                <div className="muted small">
                  {[b.customer.email, b.customer.phone].filter(Boolean).join(' · ')}
                </div>
              </dd>
            </div>
            <div>
              <dt>{t('admin.bookings.dialog.price')}</dt>
              <dd>
                {formatMoney(b.priceCents, b.currency, locale)}
                {b.depositCents > 0 && (
                  <span className="muted">
                    {' '}
                    ·{' '}
                    {t('admin.bookings.dialog.deposit', {
                      amount: formatMoney(b.depositCents, b.currency, locale),
                    })}
                  </span>
                )}
              </dd>
            </div>
            {b.notes && (
              <div>
                <dt>{t('admin.bookings.dialog.customerNote')}</dt>
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
                <dt>{t('admin.bookings.dialog.cancelReason')}</dt>
                <dd>{b.cancelReason}</dd>
              </div>
            )}
          </dl>
          <BookingPayment bookingId={b.id} status={b.status} />

          {b.allowedActions.length > 0 && !pending && !moving && (
            <div className="actions actions--tight" aria-label={t('admin.bookings.dialog.actions')}>
              {ACTIONS.filter((a) => b.allowedActions.includes(a.action)).map((a) => (
                <button
                  key={a.action}
                  type="button"
                  className={`btn btn--small ${a.style}`}
                  disabled={act.isPending}
                  onClick={() => (a.reason ? setPending(a) : act.mutate(a))}
                >
                  {t(a.label)}
                </button>
              ))}
              {b.allowedActions.includes('reschedule') && (
                <button
                  type="button"
                  className="btn btn--small btn--secondary"
                  onClick={() => setMoving(true)}
                >
                  {t('admin.bookings.action.reschedule')}
                </button>
              )}
            </div>
          )}
          {(b.status === 'confirmed' || b.status === 'checked_in') &&
            new Date(b.start) > new Date() && (
              <p className="muted small" data-testid="timing-hint">
                {t('admin.bookings.dialog.timingHint')}
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
                    ? t('admin.bookings.dialog.reasonRequired')
                    : t('admin.bookings.dialog.reasonOptional')
                }
                value={reason}
                required={pending.reason === 'required'}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
              <div className="actions actions--tight">
                <button className={`btn btn--small ${pending.style}`} disabled={act.isPending}>
                  {t(pending.label)}
                </button>
                <button
                  type="button"
                  className="btn btn--small btn--ghost"
                  onClick={() => setPending(null)}
                >
                  {t('admin.common.back')}
                </button>
              </div>
            </form>
          )}
          {moving && (
            <MoveForm
              booking={b}
              onDone={(nb) => (settle(nb, t('admin.bookings.dialog.moved')), setMoving(false))}
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

          <section aria-label={t('admin.bookings.dialog.history')}>
            <h3 className="section-title">{t('admin.bookings.dialog.history')}</h3>
            <ol className="timeline">
              {b.history.map((h) => (
                <li key={h.id}>
                  <span className="muted small">{formatDateTime(h.at, zone, locale)}</span>{' '}
                  <strong>
                    {isOneOf(HISTORY_ACTIONS, h.action)
                      ? t(`admin.bookings.history.${h.action}`)
                      : h.action.replace(/_/g, ' ')}
                  </strong>
                  {h.toStatus && h.fromStatus !== h.toStatus && (
                    <span> → {t(statusKey(h.toStatus))}</span>
                  )}
                  <span className="muted">
                    {' '}
                    {t('admin.bookings.dialog.by', {
                      actor: isOneOf(ACTORS, h.actor.type)
                        ? t(`admin.bookings.actor.${h.actor.type}`)
                        : h.actor.type.replace('_', ' '),
                    })}
                  </span>
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
  const { t } = useI18n();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
      className="stack stack--tight"
    >
      <TextArea
        label={t('admin.common.staffNotes')}
        value={v}
        onChange={(e) => setV(e.target.value)}
      />
      <div>
        <button className="btn btn--secondary btn--small" disabled={saving || v === initial}>
          {t('admin.common.saveNotes')}
        </button>
      </div>
    </form>
  );
}
