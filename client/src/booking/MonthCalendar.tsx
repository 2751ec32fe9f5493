import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../shared/i18n';
import {
  addDays,
  addMonths,
  formatLocalDate,
  formatMonth,
  monthGrid,
  startOfWeek,
  type LocalDate,
} from '../shared/time';

interface Props {
  month: LocalDate; // any day of the shown month
  available: ReadonlySet<LocalDate>;
  selected: LocalDate | null;
  onSelect(date: LocalDate): void;
  onMonthChange(month: LocalDate): void;
  canGoBack: boolean;
  canGoForward: boolean;
  busy?: boolean;
}

/**
 * A month of days as a grid of buttons: days with free times are enabled. One roving tab stop;
 * arrow keys, Home/End and PageUp/PageDown move like in any date picker.
 */
export function MonthCalendar({
  month,
  available,
  selected,
  onSelect,
  onMonthChange,
  canGoBack,
  canGoForward,
  busy,
}: Props) {
  const { t, locale } = useI18n();
  const weeks = monthGrid(month);
  const days = weeks.flat().filter((d): d is LocalDate => d !== null);
  const firstAvailable = days.find((d) => available.has(d)) ?? null;
  const [focusDay, setFocusDay] = useState<LocalDate | null>(null);
  const tabStop =
    focusDay && days.includes(focusDay)
      ? focusDay
      : selected && days.includes(selected)
        ? selected
        : (firstAvailable ?? days[0]!);
  const gridRef = useRef<HTMLTableElement>(null);
  const moveFocus = useRef(false);

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${tabStop}"]`)?.focus();
  }, [tabStop]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const moves: Record<string, (d: LocalDate) => LocalDate> = {
      ArrowLeft: (d) => addDays(d, -1),
      ArrowRight: (d) => addDays(d, 1),
      ArrowUp: (d) => addDays(d, -7),
      ArrowDown: (d) => addDays(d, 7),
      Home: (d) => startOfWeek(d),
      End: (d) => addDays(startOfWeek(d), 6),
      PageUp: (d) => addMonths(d, -1),
      PageDown: (d) => addMonths(d, 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const next = move(tabStop);
    if (next.slice(0, 7) !== month.slice(0, 7)) {
      if ((next < month && !canGoBack) || (next > month && !canGoForward)) return;
      onMonthChange(next);
    }
    moveFocus.current = true;
    setFocusDay(next);
  };

  const weekdays = weeks[0]!.map((_, i) => addDays(startOfWeek(month), i));
  return (
    <div className="month" aria-busy={busy || undefined}>
      <div className="month__head">
        <button
          type="button"
          className="icon-btn"
          onClick={() => onMonthChange(addMonths(month, -1))}
          disabled={!canGoBack}
          aria-label={t('calendar.previousMonth')}
        >
          ‹
        </button>
        <h3 className="month__title" id="month-title" aria-live="polite">
          {formatMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)), locale)}
        </h3>
        <button
          type="button"
          className="icon-btn"
          onClick={() => onMonthChange(addMonths(month, 1))}
          disabled={!canGoForward}
          aria-label={t('calendar.nextMonth')}
        >
          ›
        </button>
      </div>
      <table
        className="month__grid"
        role="grid"
        aria-labelledby="month-title"
        ref={gridRef}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col" abbr={formatLocalDate(d, locale, 'long').split(/[ ,]/)[0]}>
                {formatLocalDate(d, locale, 'weekday')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, wi) => (
            <tr key={wi}>
              {week.map((day, di) => {
                if (!day) return <td key={di} />;
                const open = available.has(day);
                const isSelected = day === selected;
                return (
                  <td key={day} aria-selected={isSelected || undefined}>
                    <button
                      type="button"
                      data-date={day}
                      className={`day${open ? ' day--open' : ''}${isSelected ? ' day--selected' : ''}`}
                      tabIndex={day === tabStop ? 0 : -1}
                      aria-disabled={!open || undefined}
                      aria-pressed={isSelected}
                      aria-label={`${formatLocalDate(day, locale, 'long')}${open ? '' : ` — ${t('calendar.unavailable')}`}`}
                      onFocus={() => setFocusDay(day)}
                      onClick={() => open && onSelect(day)}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
