import { BOOKING_STATUSES, type BookingStatus } from '@slotwise/contracts';
import { useEffect, useState } from 'react';
import { STATUS_LABEL } from '../../BookingDialog';
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

export const SORT_LABEL: Record<BookingSort, string> = {
  start: 'Appointment time, soonest first',
  '-start': 'Appointment time, latest first',
  '-created': 'Booked, newest first',
};

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
      aria-label="Filter bookings"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, q: typed });
      }}
    >
      <label className="filters__search">
        <span>Search</span>
        <input
          className="input"
          type="search"
          placeholder="Name, email, phone or code"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <label>
        <span>Sort by</span>
        <select className="input" value={value.sort} onChange={set('sort')}>
          {(Object.keys(SORT_LABEL) as BookingSort[]).map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Status</span>
        <select className="input" value={value.status} onChange={set('status')}>
          <option value="">Any status</option>
          {BOOKING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Staff</span>
        <select className="input" value={value.providerId} onChange={set('providerId')}>
          <option value="">Anyone</option>
          {providers.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Service</span>
        <select className="input" value={value.serviceId} onChange={set('serviceId')}>
          <option value="">Any service</option>
          {services.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>From</span>
        <input className="input" type="date" value={value.from} onChange={set('from')} />
      </label>
      <label>
        <span>To</span>
        <input className="input" type="date" value={value.to} onChange={set('to')} />
      </label>
    </form>
  );
}
