import { useI18n } from '../../../shared/i18n';
import { formatMoney } from '../../../shared/money';
import { navigate } from '../../../shared/router';
import { formatShortDateTime } from '../../../shared/time';
import { statusKey } from '../../BookingDialog';
import type { AdminBooking } from '../../data';

/** The bookings list on a phone: one card per booking, the whole card opening it. */
export function BookingCards({
  rows,
  zone,
  actions,
}: {
  rows: AdminBooking[];
  zone: string;
  /** The quick lifecycle buttons of a booking (check in, complete…). */
  actions(b: AdminBooking): React.ReactNode;
}) {
  const { t, locale } = useI18n();
  return (
    <ul className="booking-cards" aria-label={t('admin.bookings.title')}>
      {rows.map((b) => (
        <li key={b.id} className="booking-card">
          <div className="booking-card__head">
            <button
              type="button"
              className="link-btn booking-card__when"
              onClick={() => navigate(`/admin/bookings/${b.id}`)}
            >
              {formatShortDateTime(b.start, zone, locale)}
            </button>
            <span className={`badge badge--${b.status}`}>{t(statusKey(b.status))}</span>
          </div>
          <p className="booking-card__who">
            <strong>{b.customer.name}</strong>
            <span className="muted small"> {b.customer.email ?? b.customer.phone}</span>
          </p>
          <p className="muted small">
            {b.service.name} · {b.provider.name} · {formatMoney(b.priceCents, b.currency, locale)} ·{' '}
            <span className="mono">{b.code}</span>
          </p>
          <div className="booking-card__actions">{actions(b)}</div>
        </li>
      ))}
    </ul>
  );
}
