import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../../shared/i18n';
import { Card, Checkbox, ErrorNote, fieldErrors } from '../../ui/kit';

export type WeekInterval = { weekday: number; startTime: string; endTime: string };
type Row = { startTime: string; endTime: string };

/** ISO weekday names (Monday first) in the active language, as Intl writes them (no capitals forced). */
export function weekdayNames(locale: string, weekday: 'long' | 'short' = 'long'): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, d) => f.format(new Date(Date.UTC(2024, 0, 1 + d))));
}

const toWeek = (intervals: readonly WeekInterval[]): Row[][] => {
  const w: Row[][] = Array.from({ length: 7 }, () => []);
  for (const i of intervals) w[i.weekday - 1]?.push({ startTime: i.startTime, endTime: i.endTime });
  return w;
};

/**
 * The weekly-hours editor, a week at a time: a provider's hours (WeeklyHours) and the business's
 * default hours (settings) are the same shape, edited the same way. `errorPath` is where the
 * server reports interval issues (`intervals` or `settings.defaultWeeklyHours`).
 */
export function WeekEditor({
  title,
  note,
  intervals,
  editable,
  errorPath,
  saving,
  error,
  onSave,
}: {
  title: string;
  note: ReactNode;
  intervals: readonly WeekInterval[];
  editable: boolean;
  errorPath: string;
  saving: boolean;
  error: unknown;
  onSave(intervals: WeekInterval[]): Promise<unknown>;
}) {
  const { t, locale } = useI18n();
  const [week, setWeek] = useState<Row[][]>(() => toWeek(intervals));
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setWeek(toWeek(intervals));
  }, [intervals, dirty]);

  const names = weekdayNames(locale);
  const update = (fn: (w: Row[][]) => Row[][]) => {
    setWeek(fn(week.map((r) => r.map((x) => ({ ...x })))));
    setDirty(true);
  };
  const flatIndex = (day: number, i: number) =>
    week.slice(0, day).reduce((n, r) => n + r.length, 0) + i;
  const errors = fieldErrors(error);

  return (
    <Card
      title={title}
      actions={
        editable && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() =>
              update((w) => w.map((rows, d) => (d < 5 ? w[0]!.map((r) => ({ ...r })) : rows)))
            }
            disabled={week[0]!.length === 0}
          >
            {t('admin.staff.week.copyMonday')}
          </button>
        )
      }
    >
      <p className="muted small">{note}</p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void onSave(
            week.flatMap((rows, d) =>
              rows.map((r) => ({ weekday: d + 1, startTime: r.startTime, endTime: r.endTime })),
            ),
          ).then(
            () => setDirty(false),
            () => undefined,
          );
        }}
      >
        <ul className="week">
          {names.map((name, d) => {
            const rows = week[d]!;
            return (
              <li key={d} className="week__day">
                <Checkbox
                  label={name}
                  checked={rows.length > 0}
                  disabled={!editable}
                  onChange={(e) =>
                    update((w) =>
                      w.map((r, i) =>
                        i === d
                          ? e.target.checked
                            ? [{ startTime: '09:00', endTime: '17:00' }]
                            : []
                          : r,
                      ),
                    )
                  }
                />
                <div className="week__rows">
                  {rows.length === 0 && (
                    <span className="muted">{t('admin.staff.week.closed')}</span>
                  )}
                  {rows.map((r, i) => {
                    const at = `${errorPath}.${flatIndex(d, i)}`;
                    const err = errors[`${at}.startTime`] ?? errors[`${at}.endTime`];
                    const n = { day: name, n: i + 1 };
                    return (
                      <div key={i} className="week__row">
                        <label className="sr-only" htmlFor={`h-${d}-${i}-s`}>
                          {t('admin.staff.week.start', n)}
                        </label>
                        <input
                          id={`h-${d}-${i}-s`}
                          type="time"
                          className="input input--time"
                          value={r.startTime}
                          disabled={!editable}
                          aria-invalid={err ? true : undefined}
                          onChange={(e) =>
                            update((w) => ((w[d]![i]!.startTime = e.target.value), w))
                          }
                        />
                        <span aria-hidden="true">–</span>
                        <label className="sr-only" htmlFor={`h-${d}-${i}-e`}>
                          {t('admin.staff.week.end', n)}
                        </label>
                        <input
                          id={`h-${d}-${i}-e`}
                          type="time"
                          className="input input--time"
                          value={r.endTime}
                          disabled={!editable}
                          aria-invalid={err ? true : undefined}
                          onChange={(e) => update((w) => ((w[d]![i]!.endTime = e.target.value), w))}
                        />
                        {editable && (
                          <button
                            type="button"
                            className="icon-btn icon-btn--small"
                            aria-label={t('admin.staff.week.remove', n)}
                            onClick={() => update((w) => (w[d]!.splice(i, 1), w))}
                          >
                            ×
                          </button>
                        )}
                        {err && <span className="field__error">{err}</span>}
                      </div>
                    );
                  })}
                  {editable && rows.length > 0 && (
                    <button
                      type="button"
                      className="link-btn small"
                      onClick={() =>
                        update(
                          (w) => (
                            w[d]!.push({ startTime: rows.at(-1)!.endTime, endTime: '20:00' }),
                            w
                          ),
                        )
                      }
                    >
                      {t('admin.staff.week.addBreak')}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        {error && !Object.keys(errors).length ? <ErrorNote error={error} /> : null}
        {editable && (
          <div className="form-actions">
            <button className="btn btn--primary" disabled={!dirty || saving}>
              {saving ? t('admin.staff.week.saving') : t('admin.staff.week.save')}
            </button>
            {dirty && (
              <button type="button" className="btn btn--ghost" onClick={() => setDirty(false)}>
                {t('admin.staff.week.discard')}
              </button>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}
