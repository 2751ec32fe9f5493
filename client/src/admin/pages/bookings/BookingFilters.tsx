import { BOOKING_STATUSES, type BookingStatus } from '@slotwise/contracts';
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../../shared/i18n';
import { statusKey } from '../../BookingDialog';
import { useProviderList, useServiceList } from '../../data';

export type BookingSort = 'start' | '-start' | '-created';

export interface BookingFilterValues {
  /** Customer name, email, phone or booking code. */
  q: string;
  sort: BookingSort;
  status: BookingStatus | '';
  providerId: string;
  serviceId: string;
  from: string;
  to: string;
}

const SORTS: BookingSort[] = ['start', '-start', '-created'];
const sortKey = (s: BookingSort): MessageKey => `admin.bookings.sort.${s}`;

/** The list opens on what is coming up, in appointment order. */
export const defaultFilters = (today: string): BookingFilterValues => ({
  q: '',
  sort: 'start',
  status: '',
  providerId: '',
  serviceId: '',
  from: today,
  to: '',
});

/** Search, sort and filters of the bookings list; the search is sent once typing pauses. */
export function BookingFilters({
  value,
  onChange,
}: {
  value: BookingFilterValues;
  onChange(next: BookingFilterValues): void;
}) {
  const { t } = useI18n();
  const providers = useProviderList();
  const services = useServiceList();
  const [typed, setTyped] = useState(value.q);
  useEffect(() => {
    if (typed === value.q) return;
    const t = setTimeout(() => onChange({ ...value, q: typed }), 250);
    return () => clearTimeout(t);
  }, [typed, value, onChange]);
  const set = (k: keyof BookingFilterValues) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value });

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('admin.bookings.filter.label')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, q: typed });
      }}
    >
      <label className="filters__search">
        <span>{t('admin.bookings.filter.search')}</span>
        <input
          className="input"
          type="search"
          placeholder={t('admin.bookings.filter.searchPlaceholder')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <label>
        <span>{t('admin.bookings.filter.sortBy')}</span>
        <select className="input" value={value.sort} onChange={set('sort')}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(sortKey(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.bookings.filter.status')}</span>
        <select className="input" value={value.status} onChange={set('status')}>
          <option value="">{t('admin.bookings.filter.anyStatus')}</option>
          {BOOKING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(statusKey(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.bookings.filter.staff')}</span>
        <select className="input" value={value.providerId} onChange={set('providerId')}>
          <option value="">{t('admin.bookings.filter.anyone')}</option>
          {providers.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.bookings.filter.service')}</span>
        <select className="input" value={value.serviceId} onChange={set('serviceId')}>
          <option value="">{t('admin.bookings.filter.anyService')}</option>
          {services.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('admin.bookings.filter.from')}</span>
        <input className="input" type="date" value={value.from} onChange={set('from')} />
      </label>
      <label>
        <span>{t('admin.bookings.filter.to')}</span>
        <input className="input" type="date" value={value.to} onChange={set('to')} />
      </label>
    </form>
  );
}
