import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestHolds } from '../request-holds';
import {
  apiError,
  json,
  readBody,
  type Channel,
  type Failure,
  type FakeEvent,
  type FakeGoogle,
} from './types';

export type { FakeEvent, FakeGoogle } from './types';

/**
 * A stateful stand-in for Google (OAuth token + revoke, Calendar v3 calendarList, calendars.get,
 * events list/insert/patch/delete/watch, channels.stop, freeBusy), so tests drive the official
 * @googleapis/calendar client and google-auth-library through their real request code
 * (rootUrl / the OAuth client's token URL point here). It pushes notifications to watched
 * channels the way Google does, and can be told to rate-limit, fail, drop pushes or expire sync tokens.
 */
export async function startFakeGoogle(
  opts: { account?: string; now?: () => number } = {},
): Promise<FakeGoogle> {
  const now = opts.now ?? Date.now;
  const account = opts.account ?? 'dana@example.com';
  const clientId = 'fake-client.apps.googleusercontent.com';
  const clientSecret = 'fake-secret';
  const codes = new Map<string, { scope: string }>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Map<string, string>(); // access → refresh
  const revokedTokens = new Set<string>();
  let seq = 0;
  let tokenEpoch = 0;
  const failures: { match: RegExp; failure: Failure; times: number }[] = [];
  const hangs: RegExp[] = [];
  const hung: ServerResponse[] = [];
  const holds = requestHolds((match: RegExp, line) => match.test(line));
  const calendars: FakeGoogle['calendars'] = new Map([
    [
      account,
      {
        summary: account,
        primary: true,
        accessRole: 'owner',
        timeZone: 'Europe/London',
        events: new Map(),
      },
    ],
    [
      'team@group.calendar.google.com',
      {
        summary: 'Team',
        primary: false,
        accessRole: 'reader',
        timeZone: 'Europe/London',
        events: new Map(),
      },
    ],
  ]);
  const channels: Channel[] = [];

  const push = async (calendarId: string) => {
    if (fake.dropPushes) return;
    for (const ch of channels.filter(
      (c) => c.calendarId === calendarId && !c.stopped && c.expiration > now(),
    )) {
      ch.messages += 1;
      const target = new URL(ch.address);
      if (fake.pushOrigin) {
        const o = new URL(fake.pushOrigin);
        target.protocol = o.protocol;
        target.host = o.host;
      }
      await fetch(target, {
        method: 'POST',
        headers: {
          'X-Goog-Channel-ID': ch.id,
          'X-Goog-Channel-Token': ch.token,
          'X-Goog-Resource-ID': ch.resourceId,
          'X-Goog-Resource-State': ch.messages === 1 ? 'sync' : 'exists',
          'X-Goog-Message-Number': String(ch.messages),
          'X-Goog-Channel-Expiration': new Date(ch.expiration).toUTCString(),
        },
      }).catch(() => undefined);
    }
  };
  const store = (calendarId: string, e: FakeEvent) => {
    const cal = calendars.get(calendarId);
    if (!cal) throw new Error(`no calendar ${calendarId}`);
    seq += 1;
    cal.events.set(e.id, { ...e, seq });
  };

  const resolveCal = (id: string) => (id === 'primary' ? account : id);
  const syncTokenOf = (n: number) => `st.${tokenEpoch}.${n}`;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = await readBody(req);
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
      const line = `${req.method} ${url.pathname}`;
      fake.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
        at: Date.now(),
      });
      if (hangs.some((h) => h.test(line))) {
        hangs.splice(
          hangs.findIndex((h) => h.test(line)),
          1,
        );
        hung.push(res);
        return;
      }
      await holds.pass(line);
      if (fake.down) return apiError(res, 503, 'backendError', 'Service unavailable');
      const f = failures.find((x) => x.times > 0 && x.match.test(line));
      if (f) {
        f.times -= 1;
        if (f.failure.oauthError)
          return json(res, f.failure.status, {
            error: f.failure.oauthError,
            error_description: 'failed',
          });
        return apiError(res, f.failure.status, f.failure.reason ?? 'error');
      }

      // OAuth
      if (line === 'POST /token') {
        const p = body as Record<string, string>;
        if (p.client_id !== clientId || p.client_secret !== clientSecret)
          return json(res, 401, { error: 'invalid_client' });
        if (p.grant_type === 'authorization_code') {
          const c = codes.get(p.code ?? '');
          if (!c) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad code' });
          codes.delete(p.code!);
          const refresh = `1//fake-refresh-${randomBytes(16).toString('hex')}`;
          refreshTokens.add(refresh);
          const access = `ya29.fake-${randomBytes(16).toString('hex')}`;
          accessTokens.set(access, refresh);
          return json(res, 200, {
            access_token: access,
            refresh_token: refresh,
            expires_in: 3599,
            scope: c.scope,
            token_type: 'Bearer',
          });
        }
        if (p.grant_type === 'refresh_token') {
          if (!refreshTokens.has(p.refresh_token ?? '') || revokedTokens.has(p.refresh_token!)) {
            return json(res, 400, {
              error: 'invalid_grant',
              error_description: 'Token has been expired or revoked.',
            });
          }
          const access = `ya29.fake-${randomBytes(16).toString('hex')}`;
          accessTokens.set(access, p.refresh_token!);
          return json(res, 200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
        }
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      if (line === 'POST /revoke') {
        const token =
          url.searchParams.get('token') ??
          (body as Record<string, string> | undefined)?.token ??
          '';
        if (!refreshTokens.has(token) && !accessTokens.has(token))
          return json(res, 400, { error: 'invalid_token' });
        revokedTokens.add(accessTokens.get(token) ?? token);
        return json(res, 200, {});
      }

      // Calendar API: a live access token whose grant is not revoked.
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const grant = accessTokens.get(bearer);
      if (!grant || revokedTokens.has(grant))
        return apiError(res, 401, 'authError', 'Invalid Credentials');

      const m = url.pathname.match(/^\/calendar\/v3\/(.*)$/);
      const path = m?.[1] ?? '';
      if (req.method === 'GET' && path === 'users/me/calendarList') {
        return json(res, 200, {
          items: [...calendars].map(([id, c]) => ({
            id,
            summary: c.summary,
            primary: c.primary || undefined,
            accessRole: c.accessRole,
            timeZone: c.timeZone,
          })),
        });
      }
      if (req.method === 'POST' && path === 'freeBusy') {
        const q = body as { timeMin: string; timeMax: string; items: { id: string }[] };
        const out: Record<string, { busy: { start: string; end: string }[] }> = {};
        for (const { id } of q.items) {
          const cal = calendars.get(resolveCal(id));
          out[id] = {
            busy: [...(cal?.events.values() ?? [])]
              .filter(
                (e) =>
                  e.status !== 'cancelled' &&
                  e.transparency !== 'transparent' &&
                  e.start.dateTime &&
                  e.end.dateTime,
              )
              .filter((e) => !e.attendees?.some((a) => a.self && a.responseStatus === 'declined'))
              .filter((e) => e.end.dateTime! > q.timeMin && e.start.dateTime! < q.timeMax)
              .map((e) => ({
                start: new Date(e.start.dateTime!).toISOString(),
                end: new Date(e.end.dateTime!).toISOString(),
              })),
          };
        }
        return json(res, 200, { kind: 'calendar#freeBusy', calendars: out });
      }
      if (req.method === 'POST' && path === 'channels/stop') {
        const b = body as { id: string; resourceId: string };
        const ch = channels.find((c) => c.id === b.id && c.resourceId === b.resourceId);
        if (!ch) return apiError(res, 404, 'notFound', 'Channel not found');
        ch.stopped = true;
        res.writeHead(204).end();
        return;
      }
      const cm = path.match(/^calendars\/([^/]+)(?:\/events(?:\/([^/]+))?)?$/);
      if (!cm) return apiError(res, 404, 'notFound');
      const calendarId = resolveCal(decodeURIComponent(cm[1]!));
      const cal = calendars.get(calendarId);
      if (!cal) return apiError(res, 404, 'notFound', 'Calendar not found');
      const isEvents = path.includes('/events');
      const eventId = cm[2] ? decodeURIComponent(cm[2]) : undefined;
      if (!isEvents && req.method === 'GET')
        return json(res, 200, { id: calendarId, summary: cal.summary, timeZone: cal.timeZone });
      const out = (e: FakeEvent) => {
        const { seq: _s, ...rest } = e;
        return { kind: 'calendar#event', ...rest };
      };
      if (req.method === 'POST' && eventId === 'watch') {
        const b = body as {
          id: string;
          token: string;
          address: string;
          type: string;
          params?: { ttl?: string };
        };
        const ttl = Number(b.params?.ttl ?? 604800);
        const ch: Channel = {
          id: b.id,
          token: b.token,
          address: b.address,
          calendarId,
          resourceId: `res-${randomBytes(6).toString('hex')}`,
          expiration: now() + ttl * 1000,
          messages: 0,
          stopped: false,
        };
        channels.push(ch);
        json(res, 200, {
          kind: 'api#channel',
          id: ch.id,
          resourceId: ch.resourceId,
          resourceUri: `${fake.apiRoot}/calendar/v3/calendars/${calendarId}/events`,
          token: ch.token,
          expiration: String(ch.expiration),
        });
        void push(calendarId); // the "sync" handshake
        return;
      }
      if (req.method === 'GET' && !eventId) {
        const syncToken = url.searchParams.get('syncToken');
        const max = Number(url.searchParams.get('maxResults') ?? 250);
        const offset = Number(url.searchParams.get('pageToken') ?? 0);
        let items: FakeEvent[];
        const all = [...cal.events.values()].sort((a, b) => a.seq - b.seq);
        if (syncToken) {
          const [, epoch, n] = syncToken.split('.');
          if (Number(epoch) !== tokenEpoch)
            return apiError(
              res,
              410,
              'fullSyncRequired',
              'Sync token is no longer valid, a full sync is required.',
            );
          items = all.filter((e) => e.seq > Number(n));
        } else {
          const timeMin = url.searchParams.get('timeMin');
          items = all.filter(
            (e) =>
              e.status !== 'cancelled' &&
              (!timeMin || (e.end.dateTime ?? `${e.end.date}T00:00:00Z`) > timeMin),
          );
        }
        const pageItems = items.slice(offset, offset + max);
        const last = offset + max >= items.length;
        return json(res, 200, {
          kind: 'calendar#events',
          timeZone: cal.timeZone,
          items: pageItems.map(out),
          ...(last ? { nextSyncToken: syncTokenOf(seq) } : { nextPageToken: String(offset + max) }),
        });
      }
      if (cal.accessRole !== 'owner' && cal.accessRole !== 'writer' && req.method !== 'GET')
        return apiError(res, 403, 'forbidden', 'Forbidden');
      if (req.method === 'POST' && !eventId) {
        const e = body as FakeEvent;
        if (!e.id || !/^[a-v0-9]{5,1024}$/.test(e.id))
          return apiError(res, 400, 'invalid', 'Invalid resource id value.');
        if (cal.events.has(e.id))
          return apiError(res, 409, 'duplicate', 'The requested identifier already exists.');
        store(calendarId, { ...e, status: e.status ?? 'confirmed', seq: 0 });
        json(res, 200, out(cal.events.get(e.id)!));
        void push(calendarId); // Google notifies watchers of every change, ours included
        return;
      }
      const existing = eventId ? cal.events.get(eventId) : undefined;
      if (!existing) return apiError(res, 404, 'notFound', 'Not Found');
      if (req.method === 'PATCH') {
        store(calendarId, {
          ...existing,
          ...(body as Partial<FakeEvent>),
          id: existing.id,
          seq: 0,
        });
        json(res, 200, out(cal.events.get(existing.id)!));
        void push(calendarId);
        return;
      }
      if (req.method === 'DELETE') {
        if (existing.status === 'cancelled')
          return apiError(res, 410, 'deleted', 'Resource has been deleted');
        store(calendarId, { ...existing, status: 'cancelled', seq: 0 });
        res.writeHead(204).end();
        void push(calendarId);
        return;
      }
      if (req.method === 'GET') return json(res, 200, out(existing));
      return apiError(res, 405, 'methodNotAllowed');
    })().catch((err) => {
      if (!res.headersSent) json(res, 500, { error: String(err) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeGoogle = {
    url: base,
    apiRoot: base,
    oauthRoot: base,
    clientId,
    clientSecret,
    account,
    calendars,
    channels,
    requests: [],
    down: false,
    dropPushes: false,
    revokedTokens,
    refreshTokens,
    consent(authUrl) {
      const u = new URL(authUrl);
      const params = u.searchParams;
      if (u.pathname !== '/o/oauth2/v2/auth')
        throw new Error(`not the auth endpoint: ${u.pathname}`);
      if (params.get('client_id') !== clientId) throw new Error('wrong client_id');
      if (params.get('access_type') !== 'offline') throw new Error('offline access not asked');
      if (params.get('include_granted_scopes') !== 'true') throw new Error('not incremental');
      const code = `4/fake-code-${randomBytes(8).toString('hex')}`;
      codes.set(code, { scope: params.get('scope') ?? '' });
      return { code, state: params.get('state') ?? '', params };
    },
    async upsertEvent(calendarId, e) {
      store(calendarId, { status: 'confirmed', ...e, seq: 0 });
      await push(calendarId);
    },
    async removeEvent(calendarId, id) {
      const e = calendars.get(calendarId)?.events.get(id);
      if (!e) return;
      store(calendarId, { ...e, status: 'cancelled', seq: 0 });
      await push(calendarId);
    },
    failNext(match, failure, times = 1) {
      failures.push({ match, failure, times });
    },
    expireSyncTokens() {
      tokenEpoch += 1;
    },
    revokeAll() {
      for (const t of refreshTokens) revokedTokens.add(t);
    },
    hangNext(match) {
      hangs.push(match);
    },
    holdNext: (match) => holds.hold(match),
    async close() {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  return fake;
}
