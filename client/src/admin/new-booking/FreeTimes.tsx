import { useId } from 'react';
import { errorCode } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { formatLocalDate, formatTime, type LocalDate } from '../../shared/time';
import { Loading } from '../../shared/ui/states';
import { apiMessage } from '../ui/kit';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Service } from '../data';

/** The chosen day's free times of the service (and provider), to pick one from. */
export function FreeTimes({
  date,
  zone,
  serviceId,
  service,
  slots,
  selected,
  error,
  onPick,
  focusRef,
}: {
  date: LocalDate;
  zone: string;
  serviceId: string;
  service: Service | undefined;
  slots: UseQueryResult<{ start: string; seatsLeft: number }[]>;
  selected: string | null;
  error: string | undefined;
  onPick(start: string): void;
  /** Receives what the form focuses when the time is the first thing to fix: the first time. */
  focusRef?(target: { focus(): void } | null): void;
}) {
  const slotsId = useId();
  const { t, locale } = useI18n();
  return (
    <fieldset
      ref={(el) =>
        focusRef?.(el && { focus: () => el.querySelector<HTMLElement>('button')?.focus() })
      }
      className={`field${error ? ' field--error' : ''}`}
      aria-describedby={error ? `${slotsId}-error` : undefined}
      data-invalid={error ? true : undefined}
    >
      <legend className="field__label">
        {t('admin.newBooking.freeTimesOn', {
          date: date ? formatLocalDate(date, locale, 'long') : '…',
        })}
      </legend>
      {!serviceId ? (
        <p className="muted small">{t('admin.newBooking.chooseServiceFirst')}</p>
      ) : slots.isPending ? (
        <Loading label={t('admin.newBooking.loadingTimes')} />
      ) : slots.isError ? (
        errorCode(slots.error) === 'not_found' ? (
          <p className="muted small">{t('admin.newBooking.hiddenService')}</p>
        ) : (
          <div className="alert alert--error">
            {t('admin.newBooking.timesError', { error: apiMessage(slots.error) })}{' '}
            <button type="button" className="link-btn" onClick={() => slots.refetch()}>
              {t('admin.common.tryAgain')}
            </button>
          </div>
        )
      ) : slots.data.length === 0 ? (
        <p className="muted small">{t('admin.newBooking.noTimes')}</p>
      ) : (
        <ul className="slots">
          {slots.data.map((s) => (
            <li key={s.start}>
              <button
                type="button"
                className="btn btn--secondary btn--small slot"
                aria-pressed={selected === s.start}
                onClick={() => onPick(s.start)}
              >
                {formatTime(s.start, zone, locale)}
                {service && service.capacity > 1 && (
                  <span className="slot__seats">
                    {' '}
                    · {t('admin.newBooking.seats', { count: s.seatsLeft })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field__error" id={`${slotsId}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
