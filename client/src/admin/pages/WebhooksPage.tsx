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
import { useI18n } from '../../shared/i18n';

const key = ['admin', 'webhook-endpoints'];

export function WebhooksPage() {
  const { session, me, can } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
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
      notify(t(`admin.webhooks.done.${a.do}`));
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso, me.tenant.timeZone, locale) : '—');

  if (!can('admin')) return <ErrorState title={t('admin.webhooks.adminOnly')} />;
  return (
    <>
      <PageHeader
        title={t('admin.webhooks.title')}
        description={t('admin.webhooks.description')}
        actions={
          <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
            {t('admin.webhooks.add')}
          </button>
        }
      />
      {secret && (
        <SecretOnce
          title={t('admin.webhooks.secretTitle', { url: secret.url })}
          secret={secret.secret}
          testId="webhook-secret"
          onDismiss={() => setSecret(null)}
        />
      )}
      {endpoints.isPending ? (
        <Loading label={t('admin.webhooks.loading')} />
      ) : endpoints.isError ? (
        <ErrorState
          title={t('admin.webhooks.loadError')}
          message={apiMessage(endpoints.error)}
          onRetry={() => endpoints.refetch()}
        />
      ) : endpoints.data.length === 0 ? (
        <Empty title={t('admin.webhooks.empty')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.webhooks.colUrl')}</th>
                <th scope="col">{t('admin.webhooks.colEvents')}</th>
                <th scope="col">{t('admin.webhooks.colStatus')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.webhooks.colActions')}</span>
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
                        {e.failingSince
                          ? t('admin.webhooks.failingSince', { when: when(e.failingSince) })
                          : t('admin.webhooks.enabled')}
                      </span>
                    ) : (
                      <span
                        className="badge badge--cancelled"
                        title={e.disabledReason ?? undefined}
                      >
                        {e.disabledReason
                          ? t('admin.webhooks.disabledBecause', { reason: e.disabledReason })
                          : t('admin.webhooks.disabled')}
                      </span>
                    )}
                  </td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setLogOf(logOf === e.id ? null : e.id)}
                    >
                      {t('admin.webhooks.deliveries')}
                    </button>
                    {e.enabled && (
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => act.mutate({ id: e.id, do: 'test' })}
                      >
                        {t('admin.webhooks.sendTest')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setReplaying(e.id)}
                    >
                      {t('admin.webhooks.replay')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => act.mutate({ id: e.id, do: e.enabled ? 'disable' : 'enable' })}
                    >
                      {e.enabled ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() =>
                        window.confirm(t('admin.webhooks.rotateConfirm')) && act.mutate({ id: e.id, do: 'rotate' })
                      }
                    >
                      {t('admin.webhooks.rotate')}
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small danger-text"
                      onClick={() =>
                        window.confirm(t('admin.webhooks.deleteConfirm', { url: e.url })) &&
                        act.mutate({ id: e.id, do: 'delete' })
                      }
                    >
                      {t('admin.webhooks.delete')}
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
