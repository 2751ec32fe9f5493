import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../shared/i18n';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { type Provider } from '../../data';
import { Card, useToast } from '../../ui/kit';
import { WeekEditor, type WeekInterval } from './WeekEditor';

/** A provider's weekly working hours, edited a week at a time. */
export function WeeklyHours({ provider }: { provider: Provider }) {
  const { session, can } = useAuth();
  const { t } = useI18n();
  const notify = useToast();
  const queryClient = useQueryClient();
  const key = ['admin', 'hours', provider.id];
  const hours = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.schedules.getHours({ params: { id: provider.id } }),
  });
  const save = useMutation({
    mutationFn: (intervals: WeekInterval[]) =>
      session.sdk.schedules.putHours({ params: { id: provider.id }, body: { intervals } }),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      notify(t('admin.staff.hours.saved', { name: provider.name }));
    },
  });

  if (!hours.data)
    return (
      <Card title={t('admin.staff.hours.title')}>
        {hours.isError ? (
          <ErrorState title={t('admin.staff.hours.loadError')} onRetry={() => hours.refetch()} />
        ) : (
          <Loading label={t('admin.staff.hours.loading')} />
        )}
      </Card>
    );
  return (
    <WeekEditor
      title={t('admin.staff.hours.title')}
      note={t('admin.staff.hours.note', { zone: hours.data.timeZone })}
      intervals={hours.data.intervals}
      editable={can('admin')}
      errorPath="intervals"
      saving={save.isPending}
      error={save.error}
      onSave={(intervals) => save.mutateAsync(intervals)}
    />
  );
}
