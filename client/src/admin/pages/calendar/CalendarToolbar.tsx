import { useI18n } from '../../../shared/i18n';
import { addDays, type LocalDate } from '../../../shared/time';
import { dayHeading, dayRange, monthsOf } from '../../dates';
import type { View } from './geometry';

/**
 * Day/week switch, previous/today/next, a date to jump to, and the heading of what is shown: a
 * week names its month(s) as the locale writes them ("diciembre de 2026") and then its days; a
 * day is its whole date.
 */
export function CalendarToolbar({
  view,
  anchor,
  days,
  today,
  onView,
  onAnchor,
}: {
  view: View;
  anchor: LocalDate;
  days: readonly LocalDate[];
  today: LocalDate;
  onView(v: View): void;
  onAnchor(d: LocalDate): void;
}) {
  const { t, locale } = useI18n();
  const step = view === 'day' ? 1 : 7;
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const title =
    view === 'day' ? (
      dayHeading(anchor, locale)
    ) : (
      <>
        <span data-testid="calendar-month">{monthsOf(from, to, locale)}</span>{' '}
        <span className="cal-toolbar__range">{dayRange(from, to, locale)}</span>
      </>
    );
  return (
    <div className="cal-toolbar" role="toolbar" aria-label={t('admin.calendar.toolbar')}>
      <div className="segmented" role="group" aria-label={t('admin.calendar.view')}>
        {(['day', 'week'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={`segmented__btn${view === v ? ' segmented__btn--on' : ''}`}
            aria-pressed={view === v}
            onClick={() => onView(v)}
          >
            {v === 'day' ? t('admin.calendar.day') : t('admin.calendar.week')}
          </button>
        ))}
      </div>
      <div className="cal-toolbar__nav">
        <button
          type="button"
          className="icon-btn"
          aria-label={view === 'day' ? t('admin.calendar.prevDay') : t('admin.calendar.prevWeek')}
          onClick={() => onAnchor(addDays(anchor, -step))}
        >
          ‹
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => onAnchor(today)}
        >
          {t('admin.calendar.today')}
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label={view === 'day' ? t('admin.calendar.nextDay') : t('admin.calendar.nextWeek')}
          onClick={() => onAnchor(addDays(anchor, step))}
        >
          ›
        </button>
        <input
          type="date"
          className="input input--date"
          aria-label={t('admin.calendar.goTo')}
          value={anchor}
          onChange={(e) => e.target.value && onAnchor(e.target.value)}
        />
      </div>
      <h2 className="cal-toolbar__title" aria-live="polite">
        {title}
      </h2>
    </div>
  );
}
