import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createDateOverrideSchema, type CreateDateOverride } from '@slotwise/contracts';
import { z } from 'zod';
import { formatLocalDate, todayIn } from '../../../shared/time';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { collect, type Provider } from '../../data';
import { errorOf, submitWith, fieldProps, useEntityForm } from '../../ui/entity-form';
import { Card, ErrorNote, Select, TextInput, useToast } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

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
  const { t, locale } = useI18n();
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
      notify(t('admin.staff.timeOff.added'));
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
    <Card title={t('admin.staff.timeOff.title')}>
      {list.isPending ? (
        <Loading label={t('admin.staff.timeOff.loading')} />
      ) : list.isError ? (
        <ErrorState title={t('admin.staff.timeOff.loadError')} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">{t('admin.staff.timeOff.empty')}</p>
      ) : (
        <ul className="rows">
          {list.data.map((o) => (
            <li key={o.id} className="rows__item">
              <span>
                <strong>
                  {o.startDate === o.endDate
                    ? formatLocalDate(o.startDate, locale, 'short')
                    : `${formatLocalDate(o.startDate, locale, 'short')} – ${formatLocalDate(o.endDate, locale, 'short')}`}
                </strong>{' '}
                {o.intervals.length === 0 ? (
                  <span className="badge">{t('admin.staff.timeOff.off')}</span>
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
                  aria-label={t('admin.staff.timeOff.removeLabel', {
                    date: formatLocalDate(o.startDate, locale, 'short'),
                  })}
                >
                  {t('admin.staff.timeOff.remove')}
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
          <TextInput label={t('admin.staff.timeOff.from')} type="date" required {...fieldProps(form, 'startDate')} />
          <TextInput label={t('admin.staff.timeOff.to')} type="date" required {...fieldProps(form, 'endDate')} />
          <Select label={t('admin.staff.timeOff.kind')} {...form.register('mode')}>
            <option value="off">{t('admin.staff.timeOff.daysOff')}</option>
            <option value="hours">{t('admin.staff.timeOff.specialHours')}</option>
          </Select>
          {mode === 'hours' && (
            <>
              <TextInput
                label={t('admin.staff.timeOff.start')}
                type="time"
                {...form.register('startTime')}
                error={errorOf(form, 'intervals.0.startTime')}
              />
              <TextInput
                label={t('admin.staff.timeOff.end')}
                type="time"
                {...form.register('endTime')}
                error={errorOf(form, 'intervals.0.endTime') ?? errorOf(form, 'intervals')}
              />
            </>
          )}
          <TextInput
            label={t('admin.staff.timeOff.reason')}
            placeholder={t('admin.staff.timeOff.reasonPlaceholder')} {...fieldProps(form, 'reason')} />
          <button className="btn btn--secondary" disabled={create.isPending}>
            {t('admin.staff.timeOff.add')}
          </button>
        </form>
      )}
      {create.isError && !Object.keys(form.formState.errors).length && (
        <ErrorNote error={create.error} />
      )}
    </Card>
  );
}
