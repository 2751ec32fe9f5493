import { webhookEndpointsContract } from '@slotwise/contracts';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { useAuth } from '../../auth';
import { EntityDialog, fieldProps, friendlyMessages, useEntityForm } from '../../ui/entity-form';
import { TextInput, useToast } from '../../ui/kit';
import { useI18n, type I18n } from '../../../shared/i18n';

/** The typed local date-time → the contract's replay body (an instant). */
const replayFormSchema = z
  .object({ since: z.string() })
  .transform(({ since }) => {
    const at = new Date(since);
    return { since: since && !Number.isNaN(at.getTime()) ? at.toISOString() : '' };
  })
  .pipe(webhookEndpointsContract.replay.body);
type ReplayBody = z.output<typeof replayFormSchema>;

const rulesIn = (t: I18n['t']) => ({
  messages: friendlyMessages({
    since: { invalid_string: t('admin.webhooks.replayDialog.sinceMissing') },
  }),
});

/** After an outage: sends again every event since a time that the endpoint did not acknowledge. */
export function ReplayDialog({
  endpointId,
  onClose,
  onDone,
}: {
  endpointId: string;
  onClose(): void;
  onDone(): void;
}) {
  const { session } = useAuth();
  const notify = useToast();
  const { t } = useI18n();
  const form = useEntityForm(replayFormSchema, { since: '' }, rulesIn(t));
  const replay = useMutation({
    mutationFn: (body: ReplayBody) =>
      session.sdk.webhookEndpoints.replay({ params: { id: endpointId }, body }),
    onSuccess: (r) => {
      notify(t('admin.webhooks.replayDialog.queued', { count: r.queued }));
      onDone();
      onClose();
    },
  });
  return (
    <EntityDialog
      title={t('admin.webhooks.replayDialog.title')}
      form={form}
      save={replay}
      submitLabel={t('admin.webhooks.replayDialog.submit')}
      onClose={onClose}
      intro={
        <p className="muted small">
          {t('admin.webhooks.replayDialog.intro')}
        </p>
      }
    >
      <TextInput
        label={t('admin.webhooks.replayDialog.since')} type="datetime-local" required {...fieldProps(form, 'since')} />
    </EntityDialog>
  );
}
