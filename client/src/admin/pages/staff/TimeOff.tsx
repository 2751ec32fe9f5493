import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatLocalDate, todayIn } from '../../../shared/time';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { collect, type Provider } from '../../data';
import { Card, ErrorNote, fieldErrors, Select, TextInput, useToast } from '../../ui/kit';

export function TimeOff({ provider }: { provider: Provider }) {
  const { session, can } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'overrides', provider.id];
  const today = todayIn(provider.timeZone);
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      collect(
        session.sdk.schedules.listOverrides({
          params: { id: provider.id },
          query: { from: today, limit: 200 },
        }),
      ),
  });
  const [form, setForm] = useState({
    startDate: today,
    endDate: today,
    mode: 'off',
    startTime: '10:00',
    endTime: '14:00',
    reason: '',
  });
  const create = useMutation({
    mutationFn: () =>
      session.sdk.schedules.createOverride({
        params: { id: provider.id },
        body: {
          startDate: form.startDate,
          endDate: form.endDate,
          reason: form.reason,
          intervals:
            form.mode === 'off' ? [] : [{ startTime: form.startTime, endTime: form.endTime }],
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Time off added');
      setForm({ ...form, reason: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (overrideId: string) =>
      session.sdk.schedules.deleteOverride({ params: { id: provider.id, overrideId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const errors = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  return (
    <Card title="Time off and special hours">
      {list.isPending ? (
        <Loading label="Loading…" />
      ) : list.isError ? (
        <ErrorState title="Could not load time off" onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">No upcoming time off.</p>
      ) : (
        <ul className="rows">
          {list.data.map((o) => (
            <li key={o.id} className="rows__item">
              <span>
                <strong>
                  {o.startDate === o.endDate
                    ? formatLocalDate(o.startDate, 'en', 'short')
                    : `${formatLocalDate(o.startDate, 'en', 'short')} – ${formatLocalDate(o.endDate, 'en', 'short')}`}
                </strong>{' '}
                {o.intervals.length === 0 ? (
                  <span className="badge">Off</span>
                ) : (
                  <span className="badge badge--confirmed">
                    {o.intervals.map((i) => `${i.startTime}–${i.endTime}`).join(', ')}
                  </span>
                )}
                {o.reason && <span className="muted"> · {o.reason}</span>}
              </span>
              {can('admin') && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => remove.mutate(o.id)}
                  aria-label={`Remove time off from ${o.startDate}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('admin') && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextInput
            label="From"
            type="date"
            value={form.startDate}
            onChange={set('startDate')}
            error={errors.startDate}
            required
          />
          <TextInput
            label="To"
            type="date"
            value={form.endDate}
            onChange={set('endDate')}
            error={errors.endDate}
            required
          />
          <Select label="Kind" value={form.mode} onChange={set('mode')}>
            <option value="off">Day(s) off</option>
            <option value="hours">Special hours</option>
          </Select>
          {form.mode === 'hours' && (
            <>
              <TextInput
                label="Start"
                type="time"
                value={form.startTime}
                onChange={set('startTime')}
              />
              <TextInput
                label="End"
                type="time"
                value={form.endTime}
                onChange={set('endTime')}
                error={errors['intervals.0.endTime']}
              />
            </>
          )}
          <TextInput
            label="Reason"
            placeholder="e.g. Holiday"
            value={form.reason}
            onChange={set('reason')}
          />
          <button className="btn btn--secondary" disabled={create.isPending}>
            Add
          </button>
        </form>
      )}
      {create.isError && !Object.keys(errors).length && <ErrorNote error={create.error} />}
    </Card>
  );
}
