import { randomUUID } from 'node:crypto';
import { CHANNEL_RENEW_MARGIN_MS, POLL_INTERVAL_MS } from '../../domain/calendar';
import { CalendarFailure, type CalendarSummary } from '../../ports/calendar';
import type { CalendarConnectionRecord, SyncStateRecord } from '../../ports/calendar-store';
import { AppError, forbidden, notFound } from '../errors';
import { roleAtLeast, type Principal } from '../principal';
import { CALENDAR_SYNC_JOB, providerFor, withBackoff, type CalendarDeps } from './deps';

/** How long an authorization URL stays usable: the OAuth round trip is a few minutes at most. */
export const OAUTH_STATE_TTL_MS = 15 * 60_000;

interface OAuthState {
  t: string; // tenant
  p: string; // provider (staff member)
  u: string; // user who started it
  v: string; // vendor
  exp: number;
  n: string; // nonce: two starts never share a state
}

export interface ConnectionView {
  connection: CalendarConnectionRecord;
  states: SyncStateRecord[];
  nextPollAt: Date | null;
  nextRenewalAt: Date | null;
}

/** A vendor failure during an interactive call, as an API error (never a 500). */
export function interactiveError(err: unknown): never {
  if (err instanceof CalendarFailure) {
    if (err.kind === 'auth' || err.kind === 'rejected')
      throw new AppError('calendar_auth_failed', `The calendar refused: ${err.message}`);
    if (err.kind === 'rate_limited')
      throw new AppError('rate_limited', 'The calendar is rate limiting us; try again shortly');
    throw new AppError(
      'service_unavailable',
      'The calendar service is unavailable; try again shortly',
    );
  }
  throw err;
}

export function calendarConnections(deps: CalendarDeps) {
  const { store, secrets, clock } = deps;

  /** Admins manage every staff member's calendar; staff only their own (the provider linked to their login). */
  async function authorizeFor(p: Principal, providerId: string) {
    if (p.kind !== 'user') throw forbidden('Calendars are connected by a signed-in member');
    const provider = await store.providerOf(p.tenantId, providerId);
    if (!provider) throw notFound('Provider');
    if (!roleAtLeast(p.role, 'admin') && provider.userId !== p.userId) {
      throw forbidden('Staff may connect only their own calendar');
    }
    return provider;
  }
  async function owned(p: Principal, id: string) {
    const c = await store.getConnection(p.tenantId, id);
    if (!c) throw notFound('Calendar connection');
    await authorizeFor(p, c.providerId);
    return c;
  }
  const credsOf = (c: CalendarConnectionRecord) => {
    if (!c.sealedRefreshToken)
      throw new AppError('calendar_auth_failed', 'This connection has no grant; connect again');
    try {
      return { refreshToken: secrets.open(c.sealedRefreshToken) };
    } catch {
      // Sealed under a SECRETS_KEY that is no longer configured.
      throw new AppError(
        'calendar_auth_failed',
        'The stored grant cannot be opened with the current key; connect again',
      );
    }
  };
  const view = async (c: CalendarConnectionRecord): Promise<ConnectionView> => {
    const states = await store.syncStates(c.tenantId, c.id);
    const expiries = states
      .filter((s) => c.busyCalendarIds.includes(s.calendarId) && s.channelExpiresAt)
      .map((s) => s.channelExpiresAt!.getTime());
    return {
      connection: c,
      states,
      nextPollAt:
        c.status === 'active'
          ? new Date((c.lastSyncedAt?.getTime() ?? clock.now().getTime()) + POLL_INTERVAL_MS)
          : null,
      nextRenewalAt:
        c.status === 'active' && expiries.length
          ? new Date(Math.min(...expiries) - CHANNEL_RENEW_MARGIN_MS)
          : null,
    };
  };
  const queueSync = (c: { tenantId: string; id: string }, why: string) =>
    deps.queue.enqueue(
      CALENDAR_SYNC_JOB,
      { tenantId: c.tenantId, connectionId: c.id },
      { jobId: `cal-sync-${c.id}-${why}-${randomUUID()}` },
    );

  return {
    vendors: () => Object.keys(deps.providers),

    /** Step 1: the vendor's consent page, with a sealed state bound to tenant, staff member, user and vendor. */
    async authorizationUrl(p: Principal, input: { providerId: string; vendor: string }) {
      await authorizeFor(p, input.providerId);
      await deps.gate(p.tenantId);
      if (!deps.providers[input.vendor]) throw notFound('Calendar vendor');
      const vendor = providerFor(deps, input.vendor);
      const state: OAuthState = {
        t: p.tenantId,
        p: input.providerId,
        u: p.kind === 'user' ? p.userId : '',
        v: input.vendor,
        exp: clock.now().getTime() + OAUTH_STATE_TTL_MS,
        n: randomUUID(),
      };
      // Sealed (AES-GCM): unforgeable and unreadable, so it proves who started this flow (CSRF).
      return {
        url: vendor.authorizationUrl({
          state: secrets.seal(JSON.stringify(state)),
          scopes: vendor.scopes,
        }),
      };
    },

    /** Step 2 (the callback page posts what the vendor sent back): checks the state, stores the grant sealed. */
    async complete(p: Principal, input: { code: string; state: string }) {
      let state: OAuthState;
      try {
        state = JSON.parse(secrets.open(input.state)) as OAuthState;
      } catch {
        throw new AppError(
          'calendar_auth_failed',
          'The authorization state is not valid; start connecting again',
        );
      }
      if (p.kind !== 'user' || state.t !== p.tenantId || state.u !== p.userId) {
        throw new AppError(
          'calendar_auth_failed',
          'This authorization was started by another user or business',
        );
      }
      if (state.exp < clock.now().getTime())
        throw new AppError(
          'calendar_auth_failed',
          'The authorization expired; start connecting again',
        );
      await authorizeFor(p, state.p);
      await deps.gate(p.tenantId);
      const vendor = providerFor(deps, state.v);
      const grant = await withBackoff(deps, () => vendor.exchangeCode(input.code)).catch(
        interactiveError,
      );
      const creds = { refreshToken: grant.refreshToken };
      const [email, calendars] = await Promise.all([
        withBackoff(deps, () => vendor.accountEmail(creds)),
        withBackoff(deps, () => vendor.listCalendars(creds)),
      ]).catch(interactiveError);
      const previous = (await store.listConnections(p.tenantId)).find(
        (c) => c.providerId === state.p && c.vendor === state.v,
      );
      let c = await store.saveGrant(p.tenantId, {
        providerId: state.p,
        vendor: state.v,
        accountEmail: email,
        scopes: grant.scopes,
        sealedRefreshToken: secrets.seal(grant.refreshToken),
      });
      // A first connect starts with the primary calendar: busy time from it, bookings into it.
      if (!previous) {
        const primary = calendars.find((x) => x.primary) ?? calendars[0];
        if (primary) {
          c = (await store.updateSettings(p.tenantId, c.id, {
            busyCalendarIds: [primary.id],
            bookingCalendarId: primary.writable ? primary.id : null,
          }))!;
        }
      }
      await queueSync(c, 'connect');
      return view(c);
    },

    async list(p: Principal) {
      const all = await store.listConnections(p.tenantId);
      const mine = [];
      for (const c of all) {
        const prov = await store.providerOf(p.tenantId, c.providerId);
        if (p.kind === 'user' && (roleAtLeast(p.role, 'admin') || prov?.userId === p.userId))
          mine.push(await view(c));
      }
      return mine;
    },

    async get(p: Principal, id: string) {
      return view(await owned(p, id));
    },

    async calendars(p: Principal, id: string): Promise<CalendarSummary[]> {
      const c = await owned(p, id);
      const vendor = providerFor(deps, c.vendor);
      return withBackoff(deps, () => vendor.listCalendars(credsOf(c))).catch(async (err) => {
        if (err instanceof CalendarFailure && err.kind === 'auth')
          await store.markBroken(c.tenantId, c.id, err.message, clock.now());
        return interactiveError(err);
      });
    },

    /** Which calendars count as busy, which one receives bookings, whether customers are invited. */
    async update(
      p: Principal,
      id: string,
      patch: {
        busyCalendarIds?: string[];
        bookingCalendarId?: string | null;
        inviteCustomers?: boolean;
      },
    ) {
      const c = await owned(p, id);
      await deps.gate(p.tenantId);
      if (patch.busyCalendarIds || patch.bookingCalendarId) {
        const vendor = providerFor(deps, c.vendor);
        const calendars = await withBackoff(deps, () => vendor.listCalendars(credsOf(c))).catch(
          interactiveError,
        );
        const known = new Map(calendars.map((x) => [x.id, x]));
        const issues = [
          ...(patch.busyCalendarIds ?? [])
            .filter((x) => !known.has(x))
            .map((x) => ({ path: 'body.busyCalendarIds', message: `Unknown calendar ${x}` })),
          ...(patch.bookingCalendarId && !known.get(patch.bookingCalendarId)?.writable
            ? [
                {
                  path: 'body.bookingCalendarId',
                  message: 'Not a calendar this account can write to',
                },
              ]
            : []),
        ];
        if (issues.length)
          throw new AppError('validation_failed', 'Some calendars are not in this account', {
            issues,
          });
      }
      const busy = patch.busyCalendarIds ? [...new Set(patch.busyCalendarIds)] : undefined;
      const updated = (await store.updateSettings(p.tenantId, id, {
        ...patch,
        busyCalendarIds: busy,
      }))!;
      // Calendars no longer chosen: stop their channel, drop their busy time.
      for (const s of await store.syncStates(p.tenantId, id)) {
        if (updated.busyCalendarIds.includes(s.calendarId)) continue;
        if (s.channelId && s.resourceId) {
          await providerFor(deps, c.vendor)
            .stopChannel(credsOf(c), { id: s.channelId, resourceId: s.resourceId })
            .catch((err: unknown) =>
              deps.warn?.('calendar channel stop failed', { err: String(err) }),
            );
        }
        await store.dropCalendar(p.tenantId, id, s.calendarId);
      }
      await queueSync(updated, 'settings');
      return view(updated);
    },

    async syncNow(p: Principal, id: string) {
      const c = await owned(p, id);
      await queueSync(c, 'manual');
      return view(c);
    },

    /**
     * Stops the push channels, revokes the grant at the vendor, then deletes the connection with
     * its busy time and sync state (the availability versions move, cached slots update). A vendor
     * that cannot be reached does not keep the data: it is deleted anyway and `revoked` says so.
     */
    async disconnect(p: Principal, id: string) {
      const c = await owned(p, id);
      const vendor = providerFor(deps, c.vendor);
      let revoked = false;
      const creds = c.sealedRefreshToken
        ? (() => {
            try {
              return credsOf(c);
            } catch {
              return null;
            }
          })()
        : null;
      if (creds) {
        for (const s of await store.syncStates(p.tenantId, id)) {
          if (s.channelId && s.resourceId)
            await vendor
              .stopChannel(creds, { id: s.channelId, resourceId: s.resourceId })
              .catch(() => undefined);
        }
        revoked = await withBackoff(deps, () => vendor.revoke(creds.refreshToken)).then(
          () => true,
          (err: unknown) => {
            deps.warn?.('calendar revoke failed', { err: String(err) });
            return false;
          },
        );
      }
      await store.deleteConnection(p.tenantId, id);
      return { revoked };
    },
  };
}
export type CalendarConnections = ReturnType<typeof calendarConnections>;
