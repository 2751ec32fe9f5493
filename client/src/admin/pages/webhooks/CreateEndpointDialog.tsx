import { createWebhookEndpointSchema } from '@slotwise/contracts';
import type { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '@slotwise/sdk';
import { useMutation } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useAuth } from '../../auth';
import { EntityDialog, fieldProps, friendlyMessages, useEntityForm } from '../../ui/entity-form';
import { CheckboxSet, TextInput } from '../../ui/kit';

/** What an endpoint can subscribe to (the test event is sent on demand, never subscribed). */
const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test').map((t) => ({
  id: t,
  name: t,
}));

const rules = {
  messages: friendlyMessages({
    url: {
      invalid_string: 'Enter the full URL, such as https://example.com/slotwise.',
      too_small: 'Enter the URL to send events to.',
    },
    events: { too_small: 'Choose at least one event.' },
  }),
};

/** Adds an endpoint; its signing secret is handed to `onCreated` to be shown once. */
export function CreateEndpointDialog({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(url: string, secret: string): void;
}) {
  const { session } = useAuth();
  const form = useEntityForm(
    createWebhookEndpointSchema,
    { url: '', description: '', events: ['booking.created', 'booking.cancelled'] },
    rules,
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
      title="Add a webhook endpoint"
      form={form}
      save={create}
      submitLabel="Add endpoint"
      onClose={onClose}
    >
      <TextInput
        label="URL"
        type="url"
        placeholder="https://example.com/slotwise"
        required
        autoFocus
        {...fieldProps(form, 'url')}
      />
      <TextInput label="Description" {...fieldProps(form, 'description')} />
      <Controller
        control={form.control}
        name="events"
        render={({ field, fieldState }) => (
          <CheckboxSet
            legend="Events"
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
