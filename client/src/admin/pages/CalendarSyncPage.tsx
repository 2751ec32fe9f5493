import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CalendarConnectionDto } from '@slotwise/contracts';
import { navigate } from '../../shared/router';
import { formatDateTime } from '../../shared/time';
import { ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList } from '../data';
import { apiMessage, Card, Checkbox, PageHeader, Select, useToast } from '../ui/kit';

const key = ['admin', 'calendar-connections'];

/**
 * Calendar sync (docs/guides/calendar-sync.md): per staff member, connect or disconnect Google
 * Calendar, pick the busy calendars and the one receiving bookings, and see the sync status.
 * `/admin/calendars/callback` is where Google sends the browser back: it finishes the connect.
 */
export function CalendarSyncPage({ callback }: { callback?: boolean }) {
  const { session } = useAuth();
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
          ? 'Access was not granted.'
          : 'The calendar did not send a code back.',
      );
      return;
    }
    session.sdk.admin.calendar
      .complete({ body: { code, state } })
      .then(() => {
        notify('Calendar connected');
        void queryClient.invalidateQueries({ queryKey: key });
        navigate('/admin/calendars', { replace: true });
      })
      .catch((err: unknown) => setCallbackError(apiMessage(err)));
  }, [callback, session, notify, queryClient]);

  return (
    <>
      <PageHeader
        title="Calendar sync"
        description="Connect each staff member's Google Calendar: their events block booking times, and their bookings appear in their calendar."
      />
      {callback && !callbackError && <Loading label="Finishing the connection…" />}
      {callbackError && (
        <ErrorState
          title="Could not connect the calendar"
          message={callbackError}
          onRetry={() => navigate('/admin/calendars', { replace: true })}
        />
      )}
      {providers.isPending || connections.isPending ? (
        <Loading label="Loading calendars…" />
      ) : providers.isError || connections.isError ? (
        <ErrorState
          title="Could not load calendar connections"
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
                    {c ? 'Reconnect Google Calendar' : 'Connect Google Calendar'}
                  </button>
                ) : undefined
              }
            >
              {c ? <ConnectionPanel connection={c} /> : <p className="muted">Not connected.</p>}
            </Card>
          );
        })
      )}
    </>
  );
}

function ConnectionPanel({ connection: c }: { connection: CalendarConnectionDto }) {
  const { session, me } = useAuth();
  const notify = useToast();
  const queryClient = useQueryClient();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, me.tenant.timeZone, 'en') : '—');
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
    onSuccess: () => done('Calendar choices saved'),
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const sync = useMutation({
    mutationFn: () => session.sdk.admin.calendar.syncNow({ params: { id: c.id }, body: {} }),
    onSuccess: () => done('Sync queued'),
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const disconnect = useMutation({
    mutationFn: () => session.sdk.admin.calendar.disconnect({ params: { id: c.id } }),
    onSuccess: (r) =>
      done(
        r.revoked
          ? 'Disconnected; access revoked at Google'
          : 'Disconnected; Google could not be reached to revoke access',
      ),
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  return (
    <div className="calendar-sync" data-testid={`calendar-connection-${c.providerId}`}>
      <p>
        {c.accountEmail ?? 'Google account'}{' '}
        {c.status === 'active' ? (
          <span className="badge badge--confirmed">Syncing</span>
        ) : (
          <span className="badge badge--cancelled">Broken</span>
        )}
      </p>
      {c.status === 'broken' && (
        <p role="alert">
          The calendar can no longer be read ({c.lastError ?? 'access revoked'}). Bookings continue
          on the busy time last read; reconnect to resume.
        </p>
      )}
      <dl className="calendar-sync__status">
        <dt>Last sync</dt>
        <dd>{when(c.lastSyncedAt)}</dd>
        <dt>Next poll</dt>
        <dd>{when(c.nextPollAt)}</dd>
        <dt>Next channel renewal</dt>
        <dd>{when(c.nextRenewalAt)}</dd>
        <dt>Last error</dt>
        <dd>{c.lastError ? `${c.lastError} (${when(c.lastErrorAt)})` : 'none'}</dd>
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
            <legend>Calendars whose events block booking times</legend>
            {calendars.data.map((cal) => (
              <Checkbox
                key={cal.id}
                label={`${cal.name}${cal.primary ? ' (primary)' : ''}`}
                checked={busy.includes(cal.id)}
                onChange={(e) =>
                  setBusy(e.target.checked ? [...busy, cal.id] : busy.filter((x) => x !== cal.id))
                }
              />
            ))}
          </fieldset>
          <Select
            label="Calendar that receives bookings"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">None</option>
            {calendars.data
              .filter((cal) => cal.writable)
              .map((cal) => (
                <option key={cal.id} value={cal.id}>
                  {cal.name}
                </option>
              ))}
          </Select>
          <Checkbox
            label="Add the customer as an attendee"
            hint="Google sends them nothing: they get our own confirmation email."
            checked={invite}
            onChange={(e) => setInvite(e.target.checked)}
          />
          <button type="submit" className="btn btn--primary btn--small" disabled={save.isPending}>
            Save
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
          Sync now
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          disabled={disconnect.isPending}
          onClick={() => {
            if (
              window.confirm(
                'Disconnect this calendar? Its busy time is removed and access is revoked at Google.',
              )
            )
              disconnect.mutate();
          }}
        >
          Disconnect
        </button>
      </div>
    </div>
  );
}
