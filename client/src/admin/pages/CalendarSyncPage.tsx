import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CalendarConnectionDto } from '@slotwise/contracts';
import { navigate } from '../../shared/router';
import { formatDateTime } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList } from '../data';
import { apiMessage, Card, Checkbox, PageHeader, Select, useToast } from '../ui/kit';
import { useI18n } from '../../shared/i18n';

const key = ['admin', 'calendar-connections'];

/**
 * Calendar sync (docs/guides/calendar-sync.md): per staff member, connect or disconnect Google
 * Calendar, pick the busy calendars and the one receiving bookings, and see the sync status.
 * `/admin/calendars/callback` is where Google sends the browser back: it finishes the connect.
 */
export function CalendarSyncPage({ callback }: { callback?: boolean }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const notify = useToast();
  const queryClient = useQueryClient();
  const providers = useProviderList();
  const connections = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.admin.calendar.listConnections(),
    refetchInterval: 30_000,
  });
  const connect = useMutation({
    mutationFn: (providerId: string) =>
      session.sdk.admin.calendar.authorize({ body: { providerId, vendor: 'google' } }),
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  // The OAuth callback: post the code and state once, then back to the list.
  const completing = useRef(false);
  const [callbackError, setCallbackError] = useState<string | null>(null);
  useEffect(() => {
    if (!callback || completing.current) return;
    completing.current = true;
    const q = new URLSearchParams(window.location.search);
    const code = q.get('code');
    const state = q.get('state');
    if (!code || !state) {
      setCallbackError(
        q.get('error') === 'access_denied'
          ? t('admin.calendarSync.denied')
          : t('admin.calendarSync.noCode'),
      );
      return;
    }
    session.sdk.admin.calendar
      .complete({ body: { code, state } })
      .then(() => {
        notify(t('admin.calendarSync.connected'));
        void queryClient.invalidateQueries({ queryKey: key });
        navigate('/admin/calendars', { replace: true });
      })
      .catch((err: unknown) => setCallbackError(apiMessage(err)));
  }, [callback, session, notify, queryClient, t]);

  return (
    <>
      <PageHeader
        title={t('admin.calendarSync.title')}
        description={t('admin.calendarSync.description')}
      />
      {callback && !callbackError && <Loading label={t('admin.calendarSync.finishing')} />}
      {callbackError && (
        <ErrorState
          title={t('admin.calendarSync.connectError')}
          message={callbackError}
          onRetry={() => navigate('/admin/calendars', { replace: true })}
        />
      )}
      {providers.isPending || connections.isPending ? (
        <Loading label={t('admin.calendarSync.loading')} />
      ) : providers.isError || connections.isError ? (
        <ErrorState
          title={t('admin.calendarSync.loadError')}
          message={apiMessage(providers.error ?? connections.error)}
          onRetry={() => void connections.refetch()}
        />
      ) : (
        providers.data.map((p) => {
          const c = connections.data.items.find((x) => x.providerId === p.id);
          return (
            <Card
              key={p.id}
              title={p.name}
              actions={
                !c || c.status === 'broken' ? (
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    disabled={connect.isPending}
                    onClick={() => connect.mutate(p.id)}
                  >
                    {c ? t('admin.calendarSync.reconnect') : t('admin.calendarSync.connect')}
                  </button>
                ) : undefined
              }
            >
              {c ? <ConnectionPanel connection={c} /> : <p className="muted">{t('admin.calendarSync.notConnected')}</p>}
            </Card>
          );
        })
      )}
    </>
  );
}

function ConnectionPanel({ connection: c }: { connection: CalendarConnectionDto }) {
  const { session, me } = useAuth();
  const { t, locale } = useI18n();
  const notify = useToast();
  const queryClient = useQueryClient();
  const when = (iso: string | null) =>
    iso ? formatDateTime(iso, me.tenant.timeZone, locale) : '—';
  const calendars = useQuery({
    queryKey: [...key, c.id, 'calendars'],
    enabled: c.status === 'active',
    queryFn: async () =>
      (await session.sdk.admin.calendar.listCalendars({ params: { id: c.id } })).items,
  });
  const [busy, setBusy] = useState(c.busyCalendarIds);
  const [target, setTarget] = useState(c.bookingCalendarId ?? '');
  const [invite, setInvite] = useState(c.inviteCustomers);
  const done = (msg: string) => {
    notify(msg);
    void queryClient.invalidateQueries({ queryKey: key });
  };
  const save = useMutation({
    mutationFn: () =>
      session.sdk.admin.calendar.updateConnection({
        params: { id: c.id },
        body: { busyCalendarIds: busy, bookingCalendarId: target || null, inviteCustomers: invite },
      }),
    onSuccess: () => done(t('admin.calendarSync.saved')),
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const sync = useMutation({
    mutationFn: () => session.sdk.admin.calendar.syncNow({ params: { id: c.id }, body: {} }),
    onSuccess: () => done(t('admin.calendarSync.queued')),
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const disconnect = useMutation({
    mutationFn: () => session.sdk.admin.calendar.disconnect({ params: { id: c.id } }),
    onSuccess: (r) =>
      done(
        r.revoked
          ? t('admin.calendarSync.revoked')
          : t('admin.calendarSync.notRevoked'),
      ),
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  return (
    <div className="calendar-sync" data-testid={`calendar-connection-${c.providerId}`}>
      <p>
        {c.accountEmail ?? t('admin.calendarSync.account')}{' '}
        {c.status === 'active' ? (
          <span className="badge badge--confirmed">{t('admin.calendarSync.syncing')}</span>
        ) : (
          <span className="badge badge--cancelled">{t('admin.calendarSync.broken')}</span>
        )}
      </p>
      {c.status === 'broken' && (
        <p role="alert">
          {t('admin.calendarSync.brokenText', {
            reason: c.lastError ?? t('admin.calendarSync.accessRevoked'),
          })}
        </p>
      )}
      <dl className="calendar-sync__status">
        <dt>{t('admin.calendarSync.lastSync')}</dt>
        <dd>{when(c.lastSyncedAt)}</dd>
        <dt>{t('admin.calendarSync.nextPoll')}</dt>
        <dd>{when(c.nextPollAt)}</dd>
        <dt>{t('admin.calendarSync.nextRenewal')}</dt>
        <dd>{when(c.nextRenewalAt)}</dd>
        <dt>{t('admin.calendarSync.lastError')}</dt>
        <dd>
          {c.lastError ? `${c.lastError} (${when(c.lastErrorAt)})` : t('admin.calendarSync.none')}
        </dd>
      </dl>
      {calendars.isError && <p role="alert">{apiMessage(calendars.error)}</p>}
      {calendars.data && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <fieldset>
            <legend>{t('admin.calendarSync.busyCalendars')}</legend>
            {calendars.data.map((cal) => (
              <Checkbox
                key={cal.id}
                label={cal.primary ? t('admin.calendarSync.primary', { name: cal.name }) : cal.name}
                checked={busy.includes(cal.id)}
                onChange={(e) =>
                  setBusy(e.target.checked ? [...busy, cal.id] : busy.filter((x) => x !== cal.id))
                }
              />
            ))}
          </fieldset>
          <Select
            label={t('admin.calendarSync.target')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">{t('admin.calendarSync.targetNone')}</option>
            {calendars.data
              .filter((cal) => cal.writable)
              .map((cal) => (
                <option key={cal.id} value={cal.id}>
                  {cal.name}
                </option>
              ))}
          </Select>
          <Checkbox
            label={t('admin.calendarSync.invite')}
            hint={t('admin.calendarSync.inviteHint')}
            checked={invite}
            onChange={(e) => setInvite(e.target.checked)}
          />
          <button type="submit" className="btn btn--primary btn--small" disabled={save.isPending}>
            {t('admin.calendarSync.save')}
          </button>
        </form>
      )}
      <div className="page-actions">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          disabled={sync.isPending || c.status !== 'active'}
          onClick={() => sync.mutate()}
        >
          {t('admin.calendarSync.syncNow')}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          disabled={disconnect.isPending}
          onClick={() => {
            if (
              window.confirm(t('admin.calendarSync.disconnectConfirm'))
            )
              disconnect.mutate();
          }}
        >
          {t('admin.calendarSync.disconnect')}
        </button>
      </div>
    </div>
  );
}
