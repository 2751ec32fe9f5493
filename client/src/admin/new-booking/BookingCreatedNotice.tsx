import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { formatDateTime } from '../../shared/time';
import { useAuth } from '../auth';
import { type CreatedBooking } from '../data';
import { useToast } from '../ui/kit';

/**
 * What staff see once a booking is made: its code and the customer's manage link, which the API
 * returns this once only, with a copy button. Takes focus so screen readers announce it.
 */
export function BookingCreatedNotice({
  booking,
  onDismiss,
  onOpen,
}: {
  booking: CreatedBooking;
  onDismiss(): void;
  onOpen?(id: string): void;
}) {
  const { me } = useAuth();
  const notify = useToast();
  const { t, locale } = useI18n();
  const zone = me.tenant.timeZone;
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => ref.current?.focus(), [booking.id]);
  const copy = () =>
    void navigator.clipboard
      ?.writeText(booking.manageUrl)
      .then(() => notify(t('admin.newBooking.linkCopied')))
      .catch(() => notify(t('admin.newBooking.copyFailed'), 'error'));
  return (
    <section className="secret" ref={ref} tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>
          {t('admin.newBooking.booked', {
            name: booking.customer.name,
            service: booking.service.name,
            when: formatDateTime(booking.start, zone, locale),
            provider: booking.provider.name,
          })}
        </strong>
        {booking.status === 'pending' && t('admin.newBooking.awaitsApproval')}
        {booking.outsideAvailability && t('admin.newBooking.outsideHours')}
      </p>
      <p>
        {t('admin.newBooking.code')}{' '}
        <code className="mono" data-testid="new-booking-code">
          {booking.code}
        </code>
      </p>
      <p className="small">{t('admin.newBooking.manageLinkHint')}</p>
      <div className="secret__row">
        <code className="secret__value" data-testid="new-booking-manage-url">
          {booking.manageUrl}
        </code>
        <button type="button" className="btn btn--secondary btn--small" onClick={copy}>
          {t('admin.newBooking.copyLink')}
        </button>
        {onOpen ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => onOpen(booking.id)}
          >
            {t('admin.newBooking.openBooking')}
          </button>
        ) : (
          <Link className="btn btn--ghost btn--small" to={`/admin/bookings/${booking.id}`}>
            {t('admin.newBooking.openBooking')}
          </Link>
        )}
        <button type="button" className="btn btn--ghost btn--small" onClick={onDismiss}>
          {t('admin.common.done')}
        </button>
      </div>
    </section>
  );
}
