import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createDateOverrideSchema, type CreateDateOverride } from '@slotwise/contracts';
import { z } from 'zod';
import { formatLocalDate, todayIn } from '../../../shared/time';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { collect, type Provider } from '../../data';
import { errorOf, submitWith, fieldProps, useEntityForm } from '../../ui/entity-form';
import { Card, ErrorNote, Select, TextInput, useToast } from '../../ui/kit';

/** The inputs (a day off, or special hours) → the contract's body, checked by the contract. */
const timeOffSchema = z
  .object({
    startDate: z.string(),
    endDate: z.string(),
    mode: z.enum(['off', 'hours']),
    startTime: z.string(),
    endTime: z.string(),
    reason: z.string(),
  })
  .transform((f) => ({
    startDate: f.startDate,
    endDate: f.endDate,
    reason: f.reason,
    intervals: f.mode === 'off' ? [] : [{ startTime: f.startTime, endTime: f.endTime }],
  }))
  .pipe(createDateOverrideSchema);

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
  const form = useEntityForm(timeOffSchema, {
    startDate: today,
    endDate: today,
    mode: 'off',
    startTime: '10:00',
    endTime: '14:00',
    reason: '',
  });
  const create = useMutation({
    mutationFn: (body: CreateDateOverride) =>
      session.sdk.schedules.createOverride({ params: { id: provider.id }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify('Time off added');
      form.reset({ ...form.getValues(), reason: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (overrideId: string) =>
      session.sdk.schedules.deleteOverride({ params: { id: provider.id, overrideId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const mode = form.watch('mode');

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
          noValidate
          onSubmit={submitWith(form, create, ['startDate', 'endDate', 'intervals', 'reason'])}
        >
          <TextInput label="From" type="date" required {...fieldProps(form, 'startDate')} />
          <TextInput label="To" type="date" required {...fieldProps(form, 'endDate')} />
          <Select label="Kind" {...form.register('mode')}>
            <option value="off">Day(s) off</option>
            <option value="hours">Special hours</option>
          </Select>
          {mode === 'hours' && (
            <>
              <TextInput
                label="Start"
                type="time"
                {...form.register('startTime')}
                error={errorOf(form, 'intervals.0.startTime')}
              />
              <TextInput
                label="End"
                type="time"
                {...form.register('endTime')}
                error={errorOf(form, 'intervals.0.endTime') ?? errorOf(form, 'intervals')}
              />
            </>
          )}
          <TextInput label="Reason" placeholder="e.g. Holiday" {...fieldProps(form, 'reason')} />
          <button className="btn btn--secondary" disabled={create.isPending}>
            Add
          </button>
        </form>
      )}
      {create.isError && !Object.keys(form.formState.errors).length && (
        <ErrorNote error={create.error} />
      )}
    </Card>
  );
}
