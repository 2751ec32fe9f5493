import type { SubscribableEventType } from '@slotwise/contracts';
import { WEBHOOK_EVENT_TYPES } from '@slotwise/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { collect } from '../data';
import { SecretOnce } from '../ui/secret-once';
import {
  apiMessage,
  CheckboxSet,
  Dialog,
  ErrorNote,
  fieldErrors,
  PageHeader,
  TextInput,
  useToast,
} from '../ui/kit';

/** What an endpoint can subscribe to (the test event is sent on demand, never subscribed). */
const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test').map((t) => ({
  id: t,
  name: t,
}));
const key = ['admin', 'webhook-endpoints'];

export function WebhooksPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const endpoints = useQuery({
    queryKey: key,
    enabled: can('admin'),
    queryFn: () => collect(session.sdk.webhookEndpoints.list({ query: { limit: 200 } })),
  });
  const [creating, setCreating] = useState(false);
  const [replaying, setReplaying] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin'] });
  const act = useMutation({
    mutationFn: async (a: {
      id: string;
      do: 'test' | 'enable' | 'disable' | 'delete' | 'rotate';
    }) => {
      const params = { id: a.id };
      if (a.do === 'test')
        return void (await session.sdk.webhookEndpoints.sendTest({ params, body: {} }));
      if (a.do === 'delete') return void (await session.sdk.webhookEndpoints.delete({ params }));
      if (a.do === 'rotate') {
        const r = await session.sdk.webhookEndpoints.rotateSecret({
          params,
          body: { overlapSeconds: 86_400 },
        });
        setSecret({ url: r.endpoint.url, secret: r.secret });
        return;
      }
      await session.sdk.webhookEndpoints.update({ params, body: { enabled: a.do === 'enable' } });
    },
    onSuccess: (_r, a) => {
      refresh();
      notify(
        {
          test: 'Test event sent',
          enable: 'Enabled',
          disable: 'Disabled',
          delete: 'Deleted',
          rotate: 'New secret created',
        }[a.do],
      );
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso, me.tenant.timeZone, 'en') : '—');

  if (!can('admin')) return <ErrorState title="Only admins and owners manage webhooks" />;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Slotwise POSTs signed events (Standard Webhooks) to these URLs when bookings and customers change."
        actions={
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            Add endpoint
          </button>
        }
      />
      {secret && (
        <SecretOnce
          title={`Copy the signing secret for ${secret.url} now.`}
          secret={secret.secret}
          testId="webhook-secret"
          onDismiss={() => setSecret(null)}
        />
      )}
      {endpoints.isPending ? (
        <Loading label="Loading endpoints…" />
      ) : endpoints.isError ? (
        <ErrorState
          title="Could not load webhooks"
          message={apiMessage(endpoints.error)}
          onRetry={() => endpoints.refetch()}
        />
      ) : endpoints.data.length === 0 ? (
        <Empty title="No webhook endpoints yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((e) => (
                <tr key={e.id} aria-label={e.url}>
                  <td>
                    <code>{e.url}</code>
                    {e.description && <div className="muted small">{e.description}</div>}
                  </td>
                  <td className="small">{e.events.join(', ')}</td>
                  <td>
                    {e.enabled ? (
                      <span className="badge badge--confirmed">
                        {e.failingSince ? `Failing since ${when(e.failingSince)}` : 'Enabled'}
                      </span>
                    ) : (
                      <span
                        className="badge badge--cancelled"
                        title={e.disabledReason ?? undefined}
                      >
                        Disabled{e.disabledReason ? `: ${e.disabledReason}` : ''}
                      </span>
                    )}
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setLogOf(logOf === e.id ? null : e.id)}
                    >
                      Deliveries
                    </button>
                    {e.enabled && (
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => act.mutate({ id: e.id, do: 'test' })}
                      >
                        Send test event
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setReplaying(e.id)}
                    >
                      Replay
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => act.mutate({ id: e.id, do: e.enabled ? 'disable' : 'enable' })}
                    >
                      {e.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() =>
                        window.confirm(
                          'Create a new signing secret? The current one keeps signing for 24 hours.',
                        ) && act.mutate({ id: e.id, do: 'rotate' })
                      }
                    >
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small danger-text"
                      onClick={() =>
                        window.confirm(`Delete the endpoint ${e.url} and its delivery log?`) &&
                        act.mutate({ id: e.id, do: 'delete' })
                      }
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {logOf && <DeliveryLog endpointId={logOf} when={when} />}
      {creating && (
        <CreateEndpoint
          onClose={() => setCreating(false)}
          onCreated={(url, s) => {
            setSecret({ url, secret: s });
            refresh();
          }}
        />
      )}
      {replaying && (
        <Replay endpointId={replaying} onClose={() => setReplaying(null)} onDone={refresh} />
      )}
    </>
  );
}

function DeliveryLog({
  endpointId,
  when,
}: {
  endpointId: string;
  when: (iso: string | null) => string;
}) {
  const { session } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const log = useQuery({
    queryKey: ['admin', 'webhook-deliveries', endpointId],
    queryFn: () => session.sdk.webhookDeliveries.list({ query: { endpointId, limit: 50 } }),
  });
  const [open, setOpen] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['admin', 'webhook-delivery', open],
    enabled: open !== null,
    queryFn: () => session.sdk.webhookDeliveries.get({ params: { id: open! } }),
  });
  const redeliver = useMutation({
    mutationFn: (id: string) =>
      session.sdk.webhookDeliveries.redeliver({ params: { id }, body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      notify('Queued again');
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  if (log.isPending) return <Loading label="Loading deliveries…" />;
  if (log.isError)
    return (
      <ErrorState
        title="Could not load deliveries"
        message={apiMessage(log.error)}
        onRetry={() => log.refetch()}
      />
    );
  return (
    <section aria-label="Deliveries">
      <h2>Deliveries</h2>
      {log.data.items.length === 0 ? (
        <Empty title="Nothing delivered yet" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((d) => (
                <tr key={d.id} aria-label={`${d.eventType} ${d.eventId}`}>
                  <td>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {d.eventType}
                    </button>
                    <div className="muted small">{d.eventId}</div>
                  </td>
                  <td>
                    <span
                      className={`badge badge--${d.status === 'succeeded' ? 'confirmed' : d.status === 'failed' ? 'cancelled' : 'pending'}`}
                    >
                      {d.status}
                    </span>
                    {d.status === 'pending' && d.nextAttemptAt && (
                      <div className="muted small">next {when(d.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? d.lastError ?? '—'}</td>
                  <td>{when(d.createdAt)}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && detail.data && (
        <div aria-label="Attempts">
          <h3>Attempts of {detail.data.eventId}</h3>
          <ol>
            {detail.data.attemptLog.map((a) => (
              <li key={`${a.attempt}-${a.startedAt}`}>
                {when(a.startedAt)}: {a.responseStatus ?? 'no answer'} in {a.durationMs} ms
                {a.error ? ` (${a.error})` : ''}
                {a.responseExcerpt && <pre className="small">{a.responseExcerpt}</pre>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function CreateEndpoint({
  onClose,
  onCreated,
}: {
  onClose(): void;
  onCreated(url: string, secret: string): void;
}) {
  const { session } = useAuth();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<SubscribableEventType[]>([
    'booking.created',
    'booking.cancelled',
  ]);
  const create = useMutation({
    mutationFn: () =>
      session.sdk.webhookEndpoints.create({
        body: { url, description, events },
      }),
    onSuccess: (r) => {
      onCreated(r.endpoint.url, r.secret);
      onClose();
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Dialog open title="Add a webhook endpoint" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <ErrorNote error={create.error} />
        <TextInput
          label="URL"
          type="url"
          placeholder="https://example.com/slotwise"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          autoFocus
        />
        <TextInput
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
        />
        <CheckboxSet
          legend="Events"
          items={EVENT_CHOICES}
          selected={events}
          onChange={(ids) => setEvents(ids as SubscribableEventType[])}
          empty=""
          error={errors.events}
        />
        <div className="dialog__actions">
          <span className="spacer" />
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={create.isPending}>
            Add endpoint
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Replay({
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
  const [since, setSince] = useState('');
  const replay = useMutation({
    mutationFn: () =>
      session.sdk.webhookEndpoints.replay({
        params: { id: endpointId },
        body: { since: new Date(since).toISOString() },
      }),
    onSuccess: (r) => {
      notify(`${r.queued} deliveries queued`);
      onDone();
      onClose();
    },
  });
  return (
    <Dialog open title="Replay events" onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          replay.mutate();
        }}
      >
        <ErrorNote error={replay.error} />
        <p className="muted small">
          Sends again, in order, every event since this time that the endpoint did not acknowledge.
          A disabled endpoint is enabled again.
        </p>
        <TextInput
          label="Since"
          type="datetime-local"
          required
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
        <div className="dialog__actions">
          <span className="spacer" />
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={replay.isPending || !since}>
            Replay
          </button>
        </div>
      </form>
    </Dialog>
  );
}
