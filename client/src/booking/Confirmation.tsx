import { useState } from 'react';
import { formatAddress } from '../shared/address';
import { useI18n } from '../shared/i18n';
import { PaymentPanel, policyText } from './PaymentPanel';
import { formatMoney } from '../shared/money';
import { formatDateTime, formatTime } from '../shared/time';
import { BookingCalendarLinks } from './AddToCalendar';
import { AttendeesRow } from './AttendeesRow';
import { manageHref } from './links';
import type { CreatedBooking } from './types';

/** The booking is made: its code, when, and what the customer can do next. */
export function Confirmation({
  booking,
  attendees,
  zone,
  embedded,
  onAnother,
}: {
  booking: CreatedBooking;
  /** Who attends (every member of a team, not only the booking's own provider). */
  attendees: string;
  zone: string;
  embedded: boolean;
  onAnother(): void;
}) {
  const { t, locale } = useI18n();
  // A booking waiting for its payment shows the payment step first (PaymentPanel).
  const [status, setStatus] = useState(booking.status);
  const pending = status === 'pending' || status === 'pending_payment';
  const newTab = embedded ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  return (
    <div className="confirm">
      <div className="confirm__head">
        <div className="confirm__badge" aria-hidden="true">
          {pending ? '…' : '✓'}
        </div>
        <p className="confirm__lead" role="status">
          {pending ? t('done.requestedLead') : t('done.lead')}
        </p>
      </div>
      <div className="confirm__code">
        <span>{t('done.code')}</span>
        <strong data-testid="confirmation-code">{booking.code}</strong>
      </div>
      <dl className="summary summary--plain">
        <div>
          <dt>{t('summary.service')}</dt>
          <dd>{booking.service.name}</dd>
        </div>
        <AttendeesRow attendees={attendees} />
        {booking.location && (
          <div>
            <dt>{t('summary.where')}</dt>
            <dd data-testid="booked-where">
              {booking.location.name}
              <br />
              <span className="muted">{formatAddress(booking.location.address)}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('summary.when')}</dt>
          <dd data-testid="booked-when">
            {formatDateTime(booking.start, zone, locale)} – {formatTime(booking.end, zone, locale)}{' '}
            <span className="muted">({zone.replace(/_/g, ' ')})</span>
          </dd>
        </div>
        {booking.priceCents > 0 && (
          <div>
            <dt>{t('summary.price')}</dt>
            <dd>
              {formatMoney(booking.priceCents, booking.currency, locale)}
              {booking.depositCents > 0 &&
                ` · ${t('done.depositDue', { amount: formatMoney(booking.depositCents, booking.currency, locale) })}`}
            </dd>
          </div>
        )}
        {booking.customer.email && (
          <div>
            <dt>{t('done.sentTo')}</dt>
            <dd>{booking.customer.email}</dd>
          </div>
        )}
      </dl>
      {booking.status === 'pending_payment' && (
        <PaymentPanel token={booking.manageToken} initial={booking.payment ?? null} zone={zone} onPaid={(p) => setStatus(p.bookingStatus as typeof status)} />
      )}
      {booking.payment && (
        <p className="muted small" data-testid="payment-policy">
          {policyText(booking.payment.policy, booking.priceCents, booking.currency, t, locale)}
        </p>
      )}
      <div className="actions">
        <a className="btn btn--secondary" href={manageHref(booking.manageToken)} {...newTab}>
          {t('done.manage')}
        </a>
      </div>
      <BookingCalendarLinks booking={booking} token={booking.manageToken} />
      <p className="muted small">{t('done.keepLink')}</p>
      <button type="button" className="link-btn" onClick={onAnother}>
        {t('done.another')}
      </button>
    </div>
  );
}
