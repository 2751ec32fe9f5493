import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createBlackoutSchema, type CreateBlackout } from '@slotwise/contracts';
import { formatLocalDate, todayIn } from '../../../shared/time';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { collect, useTenantProfile } from '../../data';
import { submitWith, fieldProps, useEntityForm } from '../../ui/entity-form';
import { Card, ErrorNote, TextInput, useToast } from '../../ui/kit';

export function Holidays() {
  const { session, can } = useAuth();
  const tenant = useTenantProfile();
  const queryClient = useQueryClient();
  const notify = useToast();
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
      notify('Closure added');
      form.reset({ ...form.getValues(), name: '' });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => session.sdk.blackouts.remove({ params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <Card title="Holidays and closures" className="mt">
      <p className="muted small">
        Whole days the whole business is closed ({tenant.data?.timeZone}). No times are offered on
        them.
      </p>
      {list.isPending ? (
        <Loading label="Loading…" />
      ) : list.isError ? (
        <ErrorState title="Could not load closures" onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">No upcoming closures.</p>
      ) : (
        <ul className="rows">
          {list.data.map((b) => (
            <li key={b.id} className="rows__item">
              <span>
                <strong>{b.name}</strong> ·{' '}
                {b.startDate === b.endDate
                  ? formatLocalDate(b.startDate, 'en', 'short')
                  : `${formatLocalDate(b.startDate, 'en', 'short')} – ${formatLocalDate(b.endDate, 'en', 'short')}`}
              </span>
              {can('admin') && (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => remove.mutate(b.id)}
                  aria-label={`Remove ${b.name}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {can('admin') && (
        <form className="inline-form" noValidate onSubmit={submitWith(form, create)}>
          <TextInput
            label="Name"
            placeholder="e.g. New Year’s Day"
            required
            {...fieldProps(form, 'name')}
          />
          <TextInput label="From" type="date" required {...fieldProps(form, 'startDate')} />
          <TextInput label="To" type="date" required {...fieldProps(form, 'endDate')} />
          <button className="btn btn--secondary" disabled={create.isPending}>
            Add closure
          </button>
        </form>
      )}
      {create.isError && !Object.keys(form.formState.errors).length && (
        <ErrorNote error={create.error} />
      )}
    </Card>
  );
}
