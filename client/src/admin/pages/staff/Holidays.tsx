import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createBlackoutSchema, type CreateBlackout } from '@slotwise/contracts';
import { formatLocalDate, todayIn } from '../../../shared/time';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { collect, useTenantProfile } from '../../data';
import { submitWith, fieldProps, useEntityForm } from '../../ui/entity-form';
import { Card, ErrorNote, TextInput, useToast } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

export function Holidays() {
  const { session, can } = useAuth();
  const tenant = useTenantProfile();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const today = todayIn(tenant.data?.timeZone ?? 'UTC');
  const key = ['admin', 'blackouts'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => collect(session.sdk.blackouts.list({ query: { from: today, limit: 200 } })),
  });
  const form = useEntityForm(createBlackoutSchema, { name: '', startDate: today, endDate: today });
  const create = useMutation({
    mutationFn: (body: CreateBlackout) => session.sdk.blackouts.create({ body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      notify(t('admin.staff.closures.added'));
      form.reset({ ...form.getValues(), name: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.blackouts.remove({ params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <Card title={t('admin.staff.closures.title')} className="mt">
      <p className="muted small">
        {t('admin.staff.closures.note', { zone: tenant.data?.timeZone ?? '' })}
      </p>
      {list.isPending ? (
        <Loading label={t('admin.staff.closures.loading')} />
      ) : list.isError ? (
        <ErrorState title={t('admin.staff.closures.loadError')} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">{t('admin.staff.closures.empty')}</p>
      ) : (
        <ul className="rows">
          {list.data.map((b) => (
            <li key={b.id} className="rows__item">
              <span>
                <strong>{b.name}</strong> ·{' '}
                {b.startDate === b.endDate
                  ? formatLocalDate(b.startDate, locale, 'short')
                  : `${formatLocalDate(b.startDate, locale, 'short')} – ${formatLocalDate(b.endDate, locale, 'short')}`}
              </span>
              {can('admin') && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => remove.mutate(b.id)}
                  aria-label={t('admin.staff.closures.removeLabel', { name: b.name })}
                >
                  {t('admin.staff.closures.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('admin') && (
        <form className="inline-form" noValidate onSubmit={submitWith(form, create)}>
          <TextInput
            label={t('admin.staff.closures.name')}
            placeholder={t('admin.staff.closures.namePlaceholder')}
            required
            {...fieldProps(form, 'name')}
          />
          <TextInput label={t('admin.staff.closures.from')} type="date" required {...fieldProps(form, 'startDate')} />
          <TextInput label={t('admin.staff.closures.to')} type="date" required {...fieldProps(form, 'endDate')} />
          <button className="btn btn--secondary" disabled={create.isPending}>
            {t('admin.staff.closures.add')}
          </button>
        </form>
      )}
      {create.isError && !Object.keys(form.formState.errors).length && (
        <ErrorNote error={create.error} />
      )}
    </Card>
  );
}
