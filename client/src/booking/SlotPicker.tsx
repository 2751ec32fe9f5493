import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../shared/i18n';
import { addMonths, formatLocalDate, formatTime, type LocalDate } from '../shared/time';
import { MonthCalendar } from './MonthCalendar';
import { groupByLocalDate, slotLabels, type SlotLike } from './slots';
import { ZoneSelect } from './ZoneSelect';

export interface SlotPickerProps<S extends SlotLike> {
  month: LocalDate;
  onMonthChange(month: LocalDate): void;
  canGoBack: boolean;
  canGoForward: boolean;
  slots: readonly S[];
  timeZone: string;
  onTimeZoneChange(zone: string): void;
  businessZone?: string;
  selectedDate: LocalDate | null;
  onSelectDate(date: LocalDate | null): void;
  selectedStart?: string | null;
  onSelectSlot(slot: S): void;
  loading?: boolean;
  /** Seats are worth showing for classes only. */
  showSeats?: boolean;
}

/**
 * Month view of the days with free times, then the chosen day's times, all in the viewer's zone.
 * Knows nothing about fetching: it is given slots (UTC instants) and formats them with Intl.
 */
export function SlotPicker<S extends SlotLike>(props: SlotPickerProps<S>) {
  const { t, locale } = useI18n();
  const { slots, timeZone, month, selectedDate, onSelectDate } = props;
  const byDay = useMemo(() => groupByLocalDate(slots, timeZone), [slots, timeZone]);
  const monthKey = month.slice(0, 7);
  const available = useMemo(
    () => new Set([...byDay.keys()].filter((d) => d.startsWith(monthKey))),
    [byDay, monthKey],
  );

  // Keep a day selected whenever the month has one: the first free day by default.
  useEffect(() => {
    if (props.loading) return;
    if (selectedDate && available.has(selectedDate)) return;
    const first = [...available].sort()[0] ?? null;
    if (first !== selectedDate) onSelectDate(first);
  }, [available, selectedDate, onSelectDate, props.loading]);

  const daySlots = selectedDate ? (byDay.get(selectedDate) ?? []) : [];
  const labels = useMemo(
    () => slotLabels(daySlots, timeZone, locale, (s) => formatTime(s, timeZone, locale)),
    [daySlots, timeZone, locale],
  );
  const timesRef = useRef<HTMLDivElement>(null);

  return (
    <div className="picker">
      <ZoneSelect
        value={timeZone}
        onChange={props.onTimeZoneChange}
        businessZone={props.businessZone}
      />
      <div className="picker__body">
        <MonthCalendar
          month={month}
          available={available}
          selected={selectedDate}
          onSelect={onSelectDate}
          onMonthChange={props.onMonthChange}
          canGoBack={props.canGoBack}
          canGoForward={props.canGoForward}
          busy={props.loading}
        />
        <div className="times" ref={timesRef}>
          <p className="sr-only" role="status" aria-live="polite">
            {props.loading
              ? t('common.loading')
              : selectedDate
                ? t('time.countOnDay', {
                    count: daySlots.length,
                    date: formatLocalDate(selectedDate, locale),
                  })
                : ''}
          </p>
          {props.loading ? (
            <div className="times__placeholder" aria-hidden="true">
              <span className="spinner" />
            </div>
          ) : available.size === 0 ? (
            <div className="empty">
              <p>{t('time.noneThisMonth')}</p>
              {props.canGoForward && (
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => props.onMonthChange(addMonths(month, 1))}
                >
                  {t('time.tryNextMonth')}
                </button>
              )}
            </div>
          ) : selectedDate ? (
            <>
              <h3 className="times__title">{formatLocalDate(selectedDate, locale)}</h3>
              <ul
                className="times__list"
                aria-label={t('time.timesFor', { date: formatLocalDate(selectedDate, locale) })}
              >
                {daySlots.map((s) => (
                  <li key={s.start}>
                    <button
                      type="button"
                      className={`time${props.selectedStart === s.start ? ' time--selected' : ''}`}
                      aria-pressed={props.selectedStart === s.start}
                      onClick={() => props.onSelectSlot(s)}
                    >
                      <span className="time__label">{labels.get(s.start)}</span>
                      {props.showSeats && (
                        <span className="time__seats">
                          {t('time.seatsLeft', { count: s.seatsLeft })}
                        </span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}
