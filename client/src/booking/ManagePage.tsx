import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCode } from '../shared/api';
import { applyBrand } from '../shared/colors';
import { useI18n } from '../shared/i18n';
import { formatMoney } from '../shared/money';
import { useSdk } from '../shared/sdk-context';
import {
  addMonths,
  detectTimeZone,
  formatDateTime,
  formatTime,
  localDateOf,
  monthEnd,
  monthStart,
  todayIn,
  type LocalDate,
} from '../shared/time';
import { ErrorState, Loading } from '../shared/ui/states';
import { BookingCalendarLinks } from './AddToCalendar';
import { AttendeesRow } from './AttendeesRow';
import { errorText } from './messages';
import { keys, useAvailability, useTenant } from './queries';
import { SlotPicker } from './SlotPicker';
import { participantsText } from './team';
import type { ManageBooking, Slot } from './types';

type Mode = 'view' | 'cancel' | 'reschedule' | 'confirmReschedule';

/** /manage/{token}: the customer's own view of a booking, with cancel and reschedule. */
export function ManagePage({
  token,
  onTenantName,
}: {
  token: string;
  onTenantName(slug: string): void;
}) {
  const { t } = useI18n();
  const sdk = useSdk();
  const query = useQuery({
    queryKey: keys.manage(token),
    queryFn: () => sdk.public.manage.get({ params: { token } }),
    retry: (n, err) => errorCode(err) !== 'not_found' && n < 2,
  });
  const slug = query.data?.tenant.slug;
  useEffect(() => {
    if (slug) onTenantName(slug);
  }, [slug, onTenantName]);

  if (query.isPending) return <Loading label={t('common.loading')} />;
  if (query.isError) {
    const missing = errorCode(query.error) === 'not_found';
    return (
      <ErrorState
        title={missing ? t('manage.notFoundTitle') : t('error.title')}
        message={missing ? t('manage.notFound') : errorText(query.error, t)}
        onRetry={missing ? undefined : () => query.refetch()}
        retryLabel={t('common.retry')}
      />
    );
  }
  return <ManageView token={token} data={query.data} />;
}

function ManageView({ token, data }: { token: string; data: ManageBooking }) {
  const { t, locale } = useI18n();
  const sdk = useSdk();
  const queryClient = useQueryClient();
  const tenant = useTenant(data.tenant.slug);
  useEffect(() => {
    if (tenant.data) applyBrand(tenant.data.brandColor);
  }, [tenant.data]);
  const { booking, cancellation, reschedule, policy } = data;
  const [mode, setMode] = useState<Mode>('view');
  const [zone, setZone] = useState(detectTimeZone);
  const thisMonth = monthStart(todayIn(zone));
  const bookedDay = localDateOf(booking.start, zone);
  const [month, setMonth] = useState(monthStart(bookedDay < thisMonth ? thisMonth : bookedDay));
  // Rescheduling starts on the booking's own day: most people move by hours, not weeks.
  const [date, setDate] = useState<LocalDate | null>(() => localDateOf(booking.start, zone));
  const [slot, setSlot] = useState<Slot | null>(null);
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const panelRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (mode !== 'view') panelRef.current?.focus();
  }, [mode]);

  const from = month < todayIn(zone) ? todayIn(zone) : month;
  const availability = useAvailability({
    slug: data.tenant.slug,
    serviceId: booking.service.id,
    providerId: booking.provider.id,
    zone,
    from,
    to: monthEnd(month),
    enabled: mode === 'reschedule',
  });

  const settle = (next: ManageBooking, message: string) => {
    queryClient.setQueryData(keys.manage(token), next);
    void queryClient.invalidateQueries({ queryKey: keys.availabilityAll });
    setMode('view');
    setStatus(message);
  };

  const cancel = useMutation({
    mutationFn: () =>
      sdk.public.manage.cancel({
        params: { token },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    onSuccess: (next) => settle(next, t('manage.cancelled')),
  });
  const move = useMutation({
    mutationFn: (start: string) =>
      sdk.public.manage.reschedule({ params: { token }, body: { start } }),
    onSuccess: (next) => {
      setSlot(null);
      settle(
        next,
        t('manage.rescheduled', { when: formatDateTime(next.booking.start, zone, locale) }),
      );
    },
    onError: (err) => {
      if (errorCode(err) === 'slot_unavailable') {
        setSlot(null);
        setNotice(t('time.slotTaken'));
        void queryClient.invalidateQueries({ queryKey: keys.availabilityAll });
        setMode('reschedule');
      }
    },
  });
  const onSelectDate = useCallback((d: LocalDate | null) => setDate(d), []);

  const active = booking.status === 'pending' || booking.status === 'confirmed';
  const money = (m: { amount: number; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);

  return (
    <div className="manage">
      <h2 className="flow__title">{t('manage.title')}</h2>
      <p className="sr-only" role="status" aria-live="polite">
        {status ?? ''}
      </p>
      {status && (
        <div className="alert alert--success" aria-hidden="true">
          {status}
        </div>
      )}
      <div className="confirm__code">
        <span>{t('done.code')}</span>
        <strong>{booking.code}</strong>
        <span className={`badge badge--${booking.status}`}>{t(`status.${booking.status}`)}</span>
      </div>
      <dl className="summary summary--plain">
        <div>
          <dt>{t('summary.service')}</dt>
          <dd>{booking.service.name}</dd>
        </div>
        <AttendeesRow
          attendees={participantsText(data.participants, locale)}
          resources={data.participants.resources}
        />
        <div>
          <dt>{t('summary.when')}</dt>
          <dd data-testid="manage-when">
            {formatDateTime(booking.start, zone, locale)} – {formatTime(booking.end, zone, locale)}{' '}
            <span className="muted">({zone.replace(/_/g, ' ')})</span>
          </dd>
        </div>
        <div>
          <dt>{t('manage.business')}</dt>
          <dd>
            {data.tenant.name}
            {data.tenant.address && <span className="muted"> · {data.tenant.address}</span>}
            {data.tenant.phone && <span className="muted"> · {data.tenant.phone}</span>}
          </dd>
        </div>
      </dl>

      {mode === 'view' && (
        <>
          {active && (
            <BookingCalendarLinks booking={booking} token={token} location={data.tenant.address} />
          )}
          <div className="actions">
            {reschedule.allowed && (
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => (setNotice(null), setStatus(null), setMode('reschedule'))}
              >
                {t('manage.reschedule')}
              </button>
            )}
            {cancellation.allowed && (
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => (setStatus(null), setMode('cancel'))}
              >
                {t('manage.cancel')}
              </button>
            )}
          </div>
          {active && !reschedule.allowed && reschedule.reason && (
            <p className="muted">
              {t(`manage.rescheduleBlocked.${reschedule.reason}`, {
                hours: policy.rescheduleCutoffHours,
              })}
            </p>
          )}
          {active && !cancellation.allowed && cancellation.reason && (
            <p className="muted">{t(`manage.cancelBlocked.${cancellation.reason}`)}</p>
          )}
          {!active && booking.status === 'cancelled' && (
            <p>
              <a href={`/book/${data.tenant.slug}`}>{t('manage.bookAgain')}</a>
            </p>
          )}
          <PolicyNote policy={policy} />
        </>
      )}

      {mode === 'cancel' && (
        <section className="panel" aria-labelledby="cancel-title">
          <h3 id="cancel-title" tabIndex={-1} ref={panelRef}>
            {t('manage.cancelTitle')}
          </h3>
          <ul className="consequences">
            {cancellation.fee.amount > 0 ? (
              <li>
                {t('manage.lateFee', {
                  amount: money(cancellation.fee),
                  hours: policy.freeCancellationHours,
                })}
              </li>
            ) : (
              <li>{cancellation.late ? t('manage.lateNoFee') : t('manage.freeCancel')}</li>
            )}
            {cancellation.refund.amount > 0 && (
              <li>{t('manage.refund', { amount: money(cancellation.refund) })}</li>
            )}
            {cancellation.retained.amount > 0 && (
              <li>{t('manage.retained', { amount: money(cancellation.retained) })}</li>
            )}
            {cancellation.outstanding.amount > 0 && (
              <li>{t('manage.outstanding', { amount: money(cancellation.outstanding) })}</li>
            )}
          </ul>
          <div className="field">
            <label htmlFor="cancel-reason" className="field__label">
              {t('manage.reason')} <span className="field__optional">({t('form.optional')})</span>
            </label>
            <textarea
              id="cancel-reason"
              className="input"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {cancel.isError && (
            <div className="alert alert--error" role="alert">
              {errorText(cancel.error, t)}
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="btn btn--danger"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
            >
              {cancel.isPending ? t('form.submitting') : t('manage.confirmCancel')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setMode('view')}>
              {t('manage.keep')}
            </button>
          </div>
        </section>
      )}

      {mode === 'reschedule' && (
        <section className="panel" aria-labelledby="reschedule-title">
          <h3 id="reschedule-title" tabIndex={-1} ref={panelRef}>
            {t('manage.pickNewTime')}
          </h3>
          {notice && (
            <div className="alert alert--warning" role="alert">
              {notice}
            </div>
          )}
          {availability.isError ? (
            <ErrorState
              title={t('error.title')}
              message={errorText(availability.error, t)}
              onRetry={() => availability.refetch()}
              retryLabel={t('common.retry')}
            />
          ) : (
            <SlotPicker
              month={month}
              onMonthChange={(m) => setMonth(monthStart(m))}
              canGoBack={month > thisMonth}
              canGoForward={month < addMonths(thisMonth, 12)}
              slots={availability.data?.days.flatMap((d) => d.slots) ?? []}
              timeZone={zone}
              onTimeZoneChange={setZone}
              businessZone={data.tenant.timeZone}
              selectedDate={date}
              onSelectDate={onSelectDate}
              selectedStart={slot?.start ?? null}
              loading={availability.isPending}
              onSelectSlot={(s) => {
                setSlot(s);
                setMode('confirmReschedule');
              }}
            />
          )}
          <button type="button" className="link-btn" onClick={() => setMode('view')}>
            {t('manage.keep')}
          </button>
        </section>
      )}

      {mode === 'confirmReschedule' && slot && (
        <section className="panel" aria-labelledby="confirm-move-title">
          <h3 id="confirm-move-title" tabIndex={-1} ref={panelRef}>
            {t('manage.confirmMoveTitle')}
          </h3>
          <ul className="consequences">
            <li>
              {t('manage.moveFrom')} <s>{formatDateTime(booking.start, zone, locale)}</s>
            </li>
            <li>
              {t('manage.moveTo')} <strong>{formatDateTime(slot.start, zone, locale)}</strong>
            </li>
            <li>{t('manage.moveFree')}</li>
          </ul>
          {move.isError && errorCode(move.error) !== 'slot_unavailable' && (
            <div className="alert alert--error" role="alert">
              {errorText(move.error, t)}
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => move.mutate(slot.start)}
              disabled={move.isPending}
            >
              {move.isPending ? t('form.submitting') : t('manage.confirmMove')}
            </button>
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => setMode('reschedule')}
            >
              {t('manage.pickAnother')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

function PolicyNote({ policy }: { policy: ManageBooking['policy'] }) {
  const { t } = useI18n();
  return (
    <section className="policy" aria-label={t('manage.policyTitle')}>
      <h3 className="policy__title">{t('manage.policyTitle')}</h3>
      <ul>
        <li>{t('manage.policyFree', { hours: policy.freeCancellationHours })}</li>
        {policy.lateCancellationFeePercent > 0 && (
          <li>{t('manage.policyLateFee', { percent: policy.lateCancellationFeePercent })}</li>
        )}
        <li>
          {policy.allowCustomerReschedule
            ? t('manage.policyReschedule', { hours: policy.rescheduleCutoffHours })
            : t('manage.policyNoReschedule')}
        </li>
      </ul>
    </section>
  );
}
