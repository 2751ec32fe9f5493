import { useEffect, useId, useRef } from 'react';
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
  const zone = me.tenant.timeZone;
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => ref.current?.focus(), [booking.id]);
  const copy = () =>
    void navigator.clipboard
      ?.writeText(booking.manageUrl)
      .then(() => notify('Link copied'))
      .catch(() => notify('Could not copy: select the link and copy it yourself', 'error'));
  return (
    <section className="secret" ref={ref} tabIndex={-1} aria-labelledby={titleId}>
      <p id={titleId}>
        <strong>
          Booked {booking.customer.name}: {booking.service.name},{' '}
          {formatDateTime(booking.start, zone, 'en')} with {booking.provider.name}.
        </strong>
        {booking.status === 'pending' && ' It waits for approval.'}
        {booking.outsideAvailability && ' Outside working hours.'}
      </p>
      <p>
        Confirmation code{' '}
        <code className="mono" data-testid="new-booking-code">
          {booking.code}
        </code>
      </p>
      <p className="small">
        The customer’s link to view, cancel or reschedule. Copy it now if you need it: it is not
        shown again.
      </p>
      <div className="secret__row">
        <code className="secret__value" data-testid="new-booking-manage-url">
          {booking.manageUrl}
        </code>
        <button type="button" className="btn btn--secondary btn--small" onClick={copy}>
          Copy link
        </button>
        {onOpen ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => onOpen(booking.id)}
          >
            Open booking
          </button>
        ) : (
          <Link className="btn btn--ghost btn--small" to={`/admin/bookings/${booking.id}`}>
            Open booking
          </Link>
        )}
        <button type="button" className="btn btn--ghost btn--small" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
