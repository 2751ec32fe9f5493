import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  bookingIdOfEventId,
  busyIntervalOf,
  CHANNEL_RENEW_MARGIN_MS,
  CHANNEL_TTL_SECONDS,
} from '../../domain/calendar';
import {
  CalendarFailure,
  type CalendarCredentials,
  type CalendarProvider,
} from '../../ports/calendar';
import type { CalendarConnectionRecord, SyncStateRecord } from '../../ports/calendar-store';
import { CALENDAR_SYNC_JOB, providerFor, withBackoff, type CalendarDeps } from './deps';

/** A full sync reads events from this long ago on (ongoing events included). */
const FULL_SYNC_LOOKBACK_MS = 86_400_000;
/** A sync holds its connection this long at most (a killed worker's lease runs out). */
const SYNC_LEASE_MS = 2 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export type PushOutcome = 'queued' | 'handshake' | 'unknown_channel' | 'bad_token';

/**
 * Busy time in: per chosen calendar, keep a push channel alive and apply the changes since the
 * last sync token (a full read when there is none or the vendor expired it). The rows land in
 * external_busy, whose triggers bump the availability and schedule versions, so cached slots
 * update and a booking racing the change is refused.
 */
export function calendarSync(deps: CalendarDeps) {
  const { store, clock } = deps;

  async function ensureChannel(
    c: CalendarConnectionRecord,
    vendor: CalendarProvider,
    creds: CalendarCredentials,
    calendarId: string,
    state: SyncStateRecord | undefined,
  ) {
    const now = clock.now().getTime();
    if (state?.channelExpiresAt && state.channelExpiresAt.getTime() - now > CHANNEL_RENEW_MARGIN_MS)
      return;
    // The tenant rides in the token (the push carries nothing else of ours); the rest is random,
    // and only its hash is stored.
    const channel = {
      id: randomUUID(),
      token: `${c.tenantId}.${randomBytes(24).toString('base64url')}`,
      address: deps.pushAddress(c.vendor),
      ttlSeconds: CHANNEL_TTL_SECONDS,
    };
    const r = await withBackoff(deps, () => vendor.watch(creds, calendarId, channel));
    const stop = (ch: { id: string; resourceId: string }) =>
      vendor
        .stopChannel(creds, ch)
        .catch((err: unknown) => deps.warn?.('calendar channel stop failed', { err: String(err) }));
    // A sync that outlived its lease can renew alongside the next one: the later to save stops
    // its own channel instead of leaving a second one pushing until it expires.
    const won = await store.replaceChannel(c.tenantId, c.id, calendarId, state?.channelId ?? null, {
      channelId: channel.id,
      channelTokenHash: sha256(channel.token),
      resourceId: r.resourceId,
      channelExpiresAt: r.expiresAt,
    });
    if (!won) return stop({ id: channel.id, resourceId: r.resourceId });
    // The old channel overlapped the new one until now: stop it so it pushes no more.
    if (state?.channelId && state.resourceId)
      await stop({ id: state.channelId, resourceId: state.resourceId });
  }

  async function syncCalendar(
    c: CalendarConnectionRecord,
    vendor: CalendarProvider,
    creds: CalendarCredentials,
    calendarId: string,
    state: SyncStateRecord | undefined,
  ) {
    const timeMin = new Date(clock.now().getTime() - FULL_SYNC_LOOKBACK_MS);
    let full = !state?.syncToken;
    let page;
    try {
      page = await withBackoff(deps, () =>
        vendor.listEvents(
          creds,
          calendarId,
          state?.syncToken ? { syncToken: state.syncToken } : { timeMin },
        ),
      );
    } catch (err) {
      if (!(err instanceof CalendarFailure) || err.kind !== 'sync_token_expired') throw err;
      // 410: the token is gone; read everything again and replace this calendar's busy time.
      full = true;
      page = await withBackoff(deps, () => vendor.listEvents(creds, calendarId, { timeMin }));
    }
    const upserts: { eventId: string; start: Date; end: Date }[] = [];
    const removals: string[] = [];
    for (const e of page.events) {
      // Our own booking events are never busy time: by their property, or by their derived id.
      const ours = e.slotwiseBookingId ?? bookingIdOfEventId(e.id);
      const busy = busyIntervalOf({ ...e, slotwiseBookingId: ours }, page.timeZone ?? 'UTC');
      if (busy) upserts.push({ eventId: e.id, ...busy });
      else removals.push(e.id);
    }
    await store.applyBusy(c.tenantId, { id: c.id, providerId: c.providerId }, calendarId, {
      full,
      upserts,
      removals,
    });
    const at = clock.now();
    await store.saveSyncState(c.tenantId, c.id, calendarId, {
      syncToken: page.nextSyncToken,
      lastSyncedAt: at,
      ...(full ? { lastFullSyncAt: at } : {}),
    });
  }

  /** Expired or revoked grant: mark broken (busy time stays as last known) and tell the business once. */
  async function broken(c: CalendarConnectionRecord, reason: string) {
    const at = clock.now();
    if (!(await store.markBroken(c.tenantId, c.id, reason, at))) return;
    const provider = await store.providerOf(c.tenantId, c.providerId);
    for (const to of await store.tenantContacts(c.tenantId)) {
      await deps.mailer
        .send({
          tenantId: c.tenantId,
          to,
          subject: `Calendar sync stopped for ${provider?.name ?? 'a staff member'}`,
          text:
            `The ${c.vendor === 'google' ? 'Google' : c.vendor} calendar of ${provider?.name ?? 'a staff member'}` +
            `${c.accountEmail ? ` (${c.accountEmail})` : ''} can no longer be read: ${reason}\n\n` +
            'Bookings continue on the busy time last read, and new bookings are not written to that calendar ' +
            `until it is connected again: ${deps.adminUrl}\n`,
          template: 'calendar.connection_broken',
          deliveryKey: `calendar-broken-${c.id}-${at.toISOString()}`,
        })
        .catch((err: unknown) => deps.warn?.('calendar broken email failed', { err: String(err) }));
    }
  }

  /** Handles a vendor failure of a background job: broken grant, or rethrow for the queue's retry. */
  async function failed(c: CalendarConnectionRecord, err: unknown): Promise<void> {
    if (err instanceof CalendarFailure && err.kind === 'auth') return broken(c, err.message);
    const message = err instanceof Error ? err.message : String(err);
    await store.recordError(c.tenantId, c.id, message, clock.now());
    // Rate limited after our backoff, or the vendor is down: the job queue retries later.
    if (
      err instanceof CalendarFailure &&
      (err.kind === 'rate_limited' || err.kind === 'unavailable')
    )
      throw err;
    if (!(err instanceof CalendarFailure)) throw err;
  }

  return {
    broken,
    failed,
    /** One sync of a connection: channels renewed when due, then every chosen calendar's changes. */
    async syncConnection(tenantId: string, connectionId: string) {
      const c = await store.getConnection(tenantId, connectionId);
      if (!c || c.status !== 'active' || !c.sealedRefreshToken) return;
      try {
        await deps.gate(tenantId);
      } catch {
        return; // the plan no longer includes calendar sync
      }
      const vendor = providerFor(deps, c.vendor);
      let creds: CalendarCredentials;
      try {
        creds = { refreshToken: deps.secrets.open(c.sealedRefreshToken) };
      } catch {
        // Sealed under a key that is no longer configured (SECRETS_KEY changed without rotation).
        return broken(c, 'the stored grant cannot be opened with the current SECRETS_KEY');
      }
      // One sync per connection at a time: two at once would both open a channel for a calendar.
      // The loser's job fails and the queue runs it again shortly, so no push is lost.
      const now = clock.now();
      if (
        !(await store.leaseSync(
          tenantId,
          connectionId,
          now,
          new Date(now.getTime() + SYNC_LEASE_MS),
        ))
      ) {
        throw new Error('calendar sync already running for this connection; retried');
      }
      try {
        let channelError: string | null = null;
        const states = new Map(
          (await store.syncStates(tenantId, connectionId)).map((s) => [s.calendarId, s]),
        );
        for (const calendarId of c.busyCalendarIds) {
          // A channel the vendor refuses (Google wants a public https address) leaves polling in charge.
          await ensureChannel(c, vendor, creds, calendarId, states.get(calendarId)).catch(
            async (err: unknown) => {
              if (!(err instanceof CalendarFailure) || err.kind !== 'rejected') throw err;
              channelError = `push channel refused: ${err.message}`;
              // Try the channel again in an hour, not on every scheduler pass (polling covers meanwhile).
              await store.saveSyncState(tenantId, connectionId, calendarId, {
                channelId: null,
                resourceId: null,
                channelExpiresAt: new Date(
                  clock.now().getTime() + CHANNEL_RENEW_MARGIN_MS + 3_600_000,
                ),
              });
            },
          );
          await syncCalendar(c, vendor, creds, calendarId, states.get(calendarId));
        }
        await store.markSynced(tenantId, connectionId, clock.now());
        // Synced, but without push: shown on the connection until a channel is accepted.
        if (channelError)
          await store.recordError(tenantId, connectionId, channelError, clock.now());
      } catch (err) {
        await failed(c, err);
      } finally {
        await store.releaseSync(tenantId, connectionId);
      }
    },

    /**
     * A push notification (Google: X-Goog-Channel-ID / -Token / -Resource-State / -Message-Number).
     * Verified by the channel token before anything is queued; the sync itself happens in a job.
     */
    async push(
      vendor: string,
      h: { channelId?: string; token?: string; resourceState?: string; messageNumber?: string },
    ): Promise<PushOutcome> {
      if (!deps.providers[vendor] || !h.channelId || !h.token) return 'unknown_channel';
      const tenantId = h.token.split('.', 1)[0]!;
      if (!UUID.test(tenantId)) return 'bad_token';
      const ch = await store.findChannel(tenantId, h.channelId);
      if (!ch) return 'unknown_channel';
      const given = Buffer.from(sha256(h.token), 'hex');
      const stored = Buffer.from(ch.channelTokenHash ?? '', 'hex');
      if (stored.length !== given.length || !timingSafeEqual(stored, given)) return 'bad_token';
      if (h.resourceState === 'sync') return 'handshake';
      await deps.queue.enqueue(
        CALENDAR_SYNC_JOB,
        { tenantId, connectionId: ch.connectionId },
        { jobId: `cal-push-${h.channelId}-${h.messageNumber ?? randomUUID()}` },
      );
      return 'queued';
    },
  };
}
export type CalendarSync = ReturnType<typeof calendarSync>;
