import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorCode, isSlotwiseError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { localDateOf, wallTimeOf, zonedTimeToInstant } from '../../shared/time';
import { useAuth } from '../auth';
import { useProviderList, type BookingDetail } from '../data';
import { ErrorNote, Select, TextInput } from '../ui/kit';

/** Keyboard-friendly alternative to dragging on the calendar. */
export function MoveForm({
  booking,
  onDone,
  onCancel,
}: {
  booking: BookingDetail;
  onDone(b: BookingDetail): void;
  onCancel(): void;
}) {
  const { session, me } = useAuth();
  const zone = me.tenant.timeZone;
  const { t } = useI18n();
  const providers = useProviderList();
  const [date, setDate] = useState(localDateOf(booking.start, zone));
  const [time, setTime] = useState(wallTimeOf(booking.start, zone));
  const [providerId, setProviderId] = useState(booking.provider.id);
  const [override, setOverride] = useState(false);
  const move = useMutation({
    mutationFn: () =>
      session.sdk.bookings.reschedule({
        params: { id: booking.id },
        body: {
          start: zonedTimeToInstant(date, time, zone).toISOString(),
          ...(providerId !== booking.provider.id ? { providerId } : {}),
          overrideAvailability: override,
        },
      }),
    onSuccess: onDone,
  });
  const notFree =
    errorCode(move.error) === 'slot_unavailable' &&
    isSlotwiseError(move.error) &&
    move.error.details?.reason === 'not_free';
  const providerName =
    providers.data?.find((p) => p.id === providerId)?.name ?? booking.provider.name;
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        move.mutate();
      }}
    >
      <div className="grid-3">
        <TextInput
          label={t('admin.common.date')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
        />
        <TextInput
          label={t('admin.common.time', { zone })}
          type="time"
          step={300}
          value={time}
          onChange={(e) => setTime(e.target.value)}
          required
        />
        <Select
          label={t('admin.common.with')}
          value={providerId}
          onChange={(e) => setProviderId(e.target.value)}
        >
          {(providers.data ?? [])
            .filter(
              (p) => p.serviceIds.includes(booking.service.id) || p.id === booking.provider.id,
            )
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </Select>
      </div>
      <label className="field--check">
        <input
          type="checkbox"
          className="check"
          checked={override}
          onChange={(e) => setOverride(e.target.checked)}
        />{' '}
        {t('admin.bookings.move.allowOutside')}
      </label>
      {notFree && !override ? (
        <div className="alert alert--warning" role="alert">
          {t('admin.bookings.move.notFree', { name: providerName })}
        </div>
      ) : (
        <ErrorNote error={move.error} />
      )}
      <div className="actions actions--tight">
        <button className="btn btn--small btn--primary" disabled={move.isPending}>
          {move.isPending ? t('admin.bookings.move.pending') : t('admin.bookings.move.submit')}
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={onCancel}>
          {t('admin.common.back')}
        </button>
      </div>
    </form>
  );
}
