import { webhookEndpointsContract } from '@slotwise/contracts';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { useAuth } from '../../auth';
import { EntityDialog, fieldProps, friendlyMessages, useEntityForm } from '../../ui/entity-form';
import { TextInput, useToast } from '../../ui/kit';

/** The typed local date-time → the contract's replay body (an instant). */
const replayFormSchema = z
  .object({ since: z.string() })
  .transform(({ since }) => {
    const at = new Date(since);
    return { since: since && !Number.isNaN(at.getTime()) ? at.toISOString() : '' };
  })
  .pipe(webhookEndpointsContract.replay.body);
type ReplayBody = z.output<typeof replayFormSchema>;

const rules = {
  messages: friendlyMessages({
    since: { invalid_string: 'Choose the date and time to replay from.' },
  }),
};

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
  const form = useEntityForm(replayFormSchema, { since: '' }, rules);
  const replay = useMutation({
    mutationFn: (body: ReplayBody) =>
      session.sdk.webhookEndpoints.replay({ params: { id: endpointId }, body }),
    onSuccess: (r) => {
      notify(`${r.queued} deliveries queued`);
      onDone();
      onClose();
    },
  });
  return (
    <EntityDialog
      title="Replay events"
      form={form}
      save={replay}
      submitLabel="Replay"
      onClose={onClose}
      intro={
        <p className="muted small">
          Sends again, in order, every event since this time that the endpoint did not acknowledge.
          A disabled endpoint is enabled again.
        </p>
      }
    >
      <TextInput label="Since" type="datetime-local" required {...fieldProps(form, 'since')} />
    </EntityDialog>
  );
}
