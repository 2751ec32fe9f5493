import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { type Provider } from '../../data';
import { Card, Checkbox, ErrorNote, fieldErrors, useToast } from '../../ui/kit';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Row = { startTime: string; endTime: string };

/** A provider's weekly working hours, edited a week at a time. */
export function WeeklyHours({ provider }: { provider: Provider }) {
  const { session, can } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'hours', provider.id];
  const hours = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.schedules.getHours({ params: { id: provider.id } }),
  });
  const [week, setWeek] = useState<Row[][] | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!hours.data || dirty) return;
    const w: Row[][] = WEEKDAYS.map(() => []);
    for (const i of hours.data.intervals)
      w[i.weekday - 1]!.push({ startTime: i.startTime, endTime: i.endTime });
    setWeek(w);
  }, [hours.data, dirty]);

  const save = useMutation({
    mutationFn: () =>
      session.sdk.schedules.putHours({
        params: { id: provider.id },
        body: {
          intervals: week!.flatMap((rows, d) =>
            rows.map((r) => ({ weekday: d + 1, startTime: r.startTime, endTime: r.endTime })),
          ),
        },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      setDirty(false);
      notify(`Saved ${provider.name}’s hours`);
    },
  });

  if (hours.isPending || !week)
    return (
      <Card title="Weekly hours">
        {hours.isError ? (
          <ErrorState title="Could not load hours" onRetry={() => hours.refetch()} />
        ) : (
          <Loading label="Loading hours…" />
        )}
      </Card>
    );

  const update = (fn: (w: Row[][]) => Row[][]) => {
    setWeek(fn(week.map((r) => r.map((x) => ({ ...x })))));
    setDirty(true);
  };
  const flatIndex = (day: number, i: number) =>
    week.slice(0, day).reduce((n, r) => n + r.length, 0) + i;
  const errors = fieldErrors(save.error);
  const editable = can('admin');

  return (
    <Card
      title="Weekly hours"
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
            Copy Monday to weekdays
          </button>
        )
      }
    >
      <p className="muted small">
        Wall-clock times in {hours.data?.timeZone}; daylight-saving changes never move them.
      </p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ul className="week">
          {WEEKDAYS.map((name, d) => {
            const rows = week[d]!;
            return (
              <li key={name} className="week__day">
                <Checkbox
                  label={name}
                  checked={rows.length > 0}
                  disabled={!editable}
                  onChange={(e) =>
                    update(
                      (w) =>
                        w.map((r, i) =>
                          i === d
                            ? e.target.checked
                              ? [{ startTime: '09:00', endTime: '17:00' }]
                              : []
                            : r,
                        ) as Row[][],
                    )
                  }
                />
                <div className="week__rows">
                  {rows.length === 0 && <span className="muted">Closed</span>}
                  {rows.map((r, i) => {
                    const err =
                      errors[`intervals.${flatIndex(d, i)}.startTime`] ??
                      errors[`intervals.${flatIndex(d, i)}.endTime`];
                    return (
                      <div key={i} className="week__row">
                        <label
                          className="sr-only"
                          htmlFor={`h-${d}-${i}-s`}
                        >{`${name} interval ${i + 1} start`}</label>
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
                        <label
                          className="sr-only"
                          htmlFor={`h-${d}-${i}-e`}
                        >{`${name} interval ${i + 1} end`}</label>
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
                            aria-label={`Remove ${name} interval ${i + 1}`}
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
                      + Add a break / split shift
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
        {save.isError && !Object.keys(errors).length && <ErrorNote error={save.error} />}
        {editable && (
          <div className="form-actions">
            <button className="btn btn--primary" disabled={!dirty || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save hours'}
            </button>
            {dirty && (
              <button type="button" className="btn btn--ghost" onClick={() => setDirty(false)}>
                Discard changes
              </button>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}
