import { useId } from 'react';
import { errorCode } from '../../shared/api';
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
        Free times on {date ? formatLocalDate(date, 'en', 'long') : '…'}
      </legend>
      {!serviceId ? (
        <p className="muted small">Choose a service first.</p>
      ) : slots.isPending ? (
        <Loading label="Loading free times…" />
      ) : slots.isError ? (
        errorCode(slots.error) === 'not_found' ? (
          <p className="muted small">
            This service is hidden from online booking, so no free times are listed. Tick “Book
            outside availability” to type a time.
          </p>
        ) : (
          <div className="alert alert--error">
            Could not load the free times: {apiMessage(slots.error)}{' '}
            <button type="button" className="link-btn" onClick={() => slots.refetch()}>
              Try again
            </button>
          </div>
        )
      ) : slots.data.length === 0 ? (
        <p className="muted small">
          No free times on this day. Pick another date, or book outside availability.
        </p>
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
                {formatTime(s.start, zone, 'en')}
                {service && service.capacity > 1 && (
                  <span className="slot__seats">
                    {' '}
                    · {s.seatsLeft} {s.seatsLeft === 1 ? 'seat' : 'seats'}
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
