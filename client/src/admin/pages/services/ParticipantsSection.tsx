import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  participantModeSchema,
  serviceParticipantsSchema,
  type ServiceParticipants,
} from '@slotwise/contracts';
import { Controller } from 'react-hook-form';
import { useI18n } from '../../../shared/i18n';
import { useAuth } from '../../auth';
import { adminKeys, useProviderList, type Service } from '../../data';
import { CheckboxSet, ErrorNote, Select, useToast } from '../../ui/kit';
import { countErrors, errorOf, submitWith, useEntityForm } from '../../ui/entity-form';
import { resourceKeys, useResourceList } from '../resources/data';

/**
 * Who a booking of the service needs (ADR 0018): one provider, all of them, or hosts plus one;
 * and the resources each booking holds. Saved on its own (PUT /services/:id/participants) from
 * inside the service dialog, so its button submits this section only.
 */
export function ParticipantsSection({ service }: { service: Service }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const current = useQuery({
    queryKey: resourceKeys.participants(service.id),
    queryFn: () => session.sdk.serviceParticipants.get({ params: { id: service.id } }),
  });
  return (
    <details className="disclosure" open={current.data ? current.data.mode !== 'single' || current.data.resourceIds.length > 0 : undefined}>
      <summary>{t('admin.resources.participants.title')}</summary>
      {current.data ? (
        <ParticipantsForm service={service} initial={current.data} />
      ) : current.isError ? (
        <ErrorNote error={current.error} />
      ) : (
        <p className="muted small">{t('common.loading')}</p>
      )}
    </details>
  );
}

function ParticipantsForm({ service, initial }: { service: Service; initial: ServiceParticipants }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const providers = useProviderList();
  const resources = useResourceList();
  const queryClient = useQueryClient();
  const notify = useToast();
  const form = useEntityForm(serviceParticipantsSchema, initial);
  const save = useMutation({
    mutationFn: (body: ServiceParticipants) =>
      session.sdk.serviceParticipants.put({ params: { id: service.id }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(resourceKeys.participants(service.id), saved);
      void queryClient.invalidateQueries({ queryKey: adminKeys.availability });
      form.reset(saved);
      notify(t('admin.resources.participants.saved'));
    },
  });
  const mode = form.watch('mode');
  const offering = (providers.data ?? []).filter((p) => service.providerIds.includes(p.id));

  return (
    <div className="form" data-testid="participants-section">
      <Select
        label={t('admin.resources.participants.mode')}
        {...form.register('mode', {
          // Hosts belong to round robin only: leaving it clears them.
          onChange: (e: { target: { value: string } }) => {
            if (e.target.value !== 'round_robin') form.setValue('hostProviderIds', []);
          },
        })}
        error={errorOf(form, 'mode')}
      >
        {participantModeSchema.options.map((m) => (
          <option key={m} value={m}>
            {t(`admin.resources.participants.mode.${m}`)}
          </option>
        ))}
      </Select>
      {mode === 'round_robin' && (
        <Controller
          control={form.control}
          name="hostProviderIds"
          render={({ field }) => (
            <CheckboxSet
              legend={t('admin.resources.participants.hosts')}
              items={offering}
              selected={field.value}
              onChange={field.onChange}
              empty={t('admin.resources.participants.hostsEmpty')}
              error={errorOf(form, 'hostProviderIds')}
            />
          )}
        />
      )}
      <Controller
        control={form.control}
        name="resourceIds"
        render={({ field }) => (
          <CheckboxSet
            legend={t('admin.resources.participants.resources')}
            items={resources.data}
            selected={field.value}
            onChange={field.onChange}
            empty={t('admin.resources.participants.resourcesEmpty')}
            error={errorOf(form, 'resourceIds')}
          />
        )}
      />
      {save.isError && countErrors(form.formState.errors) === 0 && <ErrorNote error={save.error} />}
      <div>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={save.isPending}
          onClick={(e) => void submitWith(form, save)(e)}
        >
          {t('admin.resources.participants.save')}
        </button>
      </div>
    </div>
  );
}
