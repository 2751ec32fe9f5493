import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { collect } from '../data';
import { SecretOnce } from '../ui/secret-once';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import { CreateEndpointDialog } from './webhooks/CreateEndpointDialog';
import { DeliveryLog } from './webhooks/DeliveryLog';
import { ReplayDialog } from './webhooks/ReplayDialog';

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
        <CreateEndpointDialog
          onClose={() => setCreating(false)}
          onCreated={(url, s) => {
            setSecret({ url, secret: s });
            refresh();
          }}
        />
      )}
      {replaying && (
        <ReplayDialog endpointId={replaying} onClose={() => setReplaying(null)} onDone={refresh} />
      )}
    </>
  );
}
