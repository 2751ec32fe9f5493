import { createWebhookEndpointSchema } from '@slotwise/contracts';
import type { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '@slotwise/sdk';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useAuth } from '../../auth';
import { EntityDialog, fieldProps, friendlyMessages, useEntityForm } from '../../ui/entity-form';
import { CheckboxSet, TextInput } from '../../ui/kit';
import { useI18n, type I18n } from '../../../shared/i18n';

/** What an endpoint can subscribe to (the test event is sent on demand, never subscribed). */
const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test').map((t) => ({
  id: t,
  name: t,
}));

const rulesIn = (t: I18n['t']) => ({
  messages: friendlyMessages({
    url: {
      invalid_string: t('admin.webhooks.create.urlInvalid'),
      too_small: t('admin.webhooks.create.urlMissing'),
    },
    events: { too_small: t('admin.webhooks.create.eventsMissing') },
  }),
});

/** Adds an endpoint; its signing secret is handed to `onCreated` to be shown once. */
export function CreateEndpointDialog({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(url: string, secret: string): void;
}) {
  const { session } = useAuth();
  const { t } = useI18n();
  const form = useEntityForm(
    createWebhookEndpointSchema,
    { url: '', description: '', events: ['booking.created', 'booking.cancelled'] },
    rulesIn(t),
  );
  const create = useMutation({
    mutationFn: (body: z.output<typeof createWebhookEndpointSchema>) =>
      session.sdk.webhookEndpoints.create({ body }),
    onSuccess: (r) => {
      onCreated(r.endpoint.url, r.secret);
      onClose();
    },
  });
  return (
    <EntityDialog
      title={t('admin.webhooks.create.title')}
      form={form}
      save={create}
      submitLabel={t('admin.webhooks.add')}
      onClose={onClose}
    >
      <TextInput
        label={t('admin.webhooks.create.url')}
        type="url"
        placeholder="https://example.com/slotwise"
        required
        autoFocus
        {...fieldProps(form, 'url')}
      />
      <TextInput label={t('admin.webhooks.create.description')} {...fieldProps(form, 'description')} />
      <Controller
        control={form.control}
        name="events"
        render={({ field, fieldState }) => (
          <CheckboxSet
            legend={t('admin.webhooks.create.events')}
            items={EVENT_CHOICES}
            selected={field.value ?? []}
            onChange={field.onChange}
            empty=""
            error={fieldState.error?.message}
          />
        )}
      />
    </EntityDialog>
  );
}
