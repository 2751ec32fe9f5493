import type pg from 'pg';
import type {
  CalendarConnectionRecord,
  CalendarStore,
  SyncStateRecord,
} from '../../ports/calendar-store';
import { pgCalendarBookingEvents } from './calendar-booking-events';
import { inTenant } from './tenant-tx';

const CONNECTION_COLUMNS = `id, tenant_id, provider_id, vendor, account_email, scopes, busy_calendar_ids,
  booking_calendar_id, invite_customers, status, refresh_token, last_synced_at, last_error,
  last_error_at, broken_at, created_at`;

interface ConnectionRow {
  id: string;
  tenant_id: string;
  provider_id: string;
  vendor: string;
  account_email: string | null;
  scopes: string[];
  busy_calendar_ids: string[];
  booking_calendar_id: string | null;
  invite_customers: boolean;
  status: 'active' | 'broken';
  refresh_token: string | null;
  last_synced_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  broken_at: Date | null;
  created_at: Date;
}

const toConnection = (r: ConnectionRow): CalendarConnectionRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  providerId: r.provider_id,
  vendor: r.vendor,
  accountEmail: r.account_email,
  scopes: r.scopes,
  busyCalendarIds: r.busy_calendar_ids,
  bookingCalendarId: r.booking_calendar_id,
  inviteCustomers: r.invite_customers,
  status: r.status,
  sealedRefreshToken: r.refresh_token,
  lastSyncedAt: r.last_synced_at,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  brokenAt: r.broken_at,
  createdAt: r.created_at,
});

/** external_busy.external_id of a vendor event: calendar and event id (event ids have no spaces). */
const externalId = (calendarId: string, eventId: string) => `${calendarId} ${eventId}`;

export function pgCalendarStore(pool: pg.Pool): CalendarStore {
  return {
    providerOf: (tenantId, providerId) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<{ id: string; name: string; user_id: string | null }>(
          'SELECT id, name, user_id FROM providers WHERE id = $1 AND deleted_at IS NULL',
          [providerId],
        );
        const row = r.rows[0];
        return row ? { id: row.id, name: row.name, userId: row.user_id } : null;
      }),
    listConnections: (tenantId) =>
      inTenant(pool, tenantId, async (c) =>
        (
          await c.query<ConnectionRow>(
            `SELECT ${CONNECTION_COLUMNS} FROM calendar_connections ORDER BY created_at, id`,
          )
        ).rows.map(toConnection),
      ),
    getConnection: (tenantId, id) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<ConnectionRow>(
          `SELECT ${CONNECTION_COLUMNS} FROM calendar_connections WHERE id = $1`,
          [id],
        );
        return r.rows[0] ? toConnection(r.rows[0]) : null;
      }),
    saveGrant: (tenantId, g) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<ConnectionRow>(
          `INSERT INTO calendar_connections (id, tenant_id, provider_id, vendor, external_calendar_id, account_email, scopes, refresh_token, status)
           VALUES (gen_random_uuid(), $1, $2, $3, COALESCE($4, ''), $4, $5, $6, 'active')
           ON CONFLICT (tenant_id, provider_id, vendor) DO UPDATE SET
             account_email = EXCLUDED.account_email, external_calendar_id = EXCLUDED.external_calendar_id,
             scopes = EXCLUDED.scopes, refresh_token = EXCLUDED.refresh_token, access_token = NULL,
             status = 'active', broken_at = NULL, last_error = NULL, last_error_at = NULL, updated_at = now()
           RETURNING ${CONNECTION_COLUMNS}`,
          [tenantId, g.providerId, g.vendor, g.accountEmail, g.scopes, g.sealedRefreshToken],
        );
        return toConnection(r.rows[0]!);
      }),
    updateSettings: (tenantId, id, p) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<ConnectionRow>(
          `UPDATE calendar_connections SET
             busy_calendar_ids = COALESCE($2, busy_calendar_ids),
             booking_calendar_id = CASE WHEN $3 THEN $4 ELSE booking_calendar_id END,
             invite_customers = COALESCE($5, invite_customers), updated_at = now()
           WHERE id = $1 RETURNING ${CONNECTION_COLUMNS}`,
          [
            id,
            p.busyCalendarIds ?? null,
            p.bookingCalendarId !== undefined,
            p.bookingCalendarId ?? null,
            p.inviteCustomers ?? null,
          ],
        );
        return r.rows[0] ? toConnection(r.rows[0]) : null;
      }),
    deleteConnection: (tenantId, id) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query('DELETE FROM calendar_connections WHERE id = $1', [id]);
      }),
    markBroken: (tenantId, id, error, at) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<{ was: string }>(
          `UPDATE calendar_connections n SET status = 'broken', broken_at = COALESCE(n.broken_at, $3),
             last_error = $2, last_error_at = $3, updated_at = now()
           FROM calendar_connections o WHERE n.id = $1 AND o.id = n.id AND o.tenant_id = n.tenant_id
           RETURNING o.status AS was`,
          [id, error.slice(0, 500), at],
        );
        return r.rows[0]?.was === 'active';
      }),
    recordError: (tenantId, id, error, at) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query(
          'UPDATE calendar_connections SET last_error = $2, last_error_at = $3 WHERE id = $1',
          [id, error.slice(0, 500), at],
        );
      }),
    leaseSync: (tenantId, id, now, until) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query(
          `UPDATE calendar_connections SET sync_locked_until = $3
           WHERE id = $1 AND (sync_locked_until IS NULL OR sync_locked_until <= $2)`,
          [id, now, until],
        );
        return (r.rowCount ?? 0) > 0;
      }),
    releaseSync: (tenantId, id) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query('UPDATE calendar_connections SET sync_locked_until = NULL WHERE id = $1', [
          id,
        ]);
      }),
    markSynced: (tenantId, id, at) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query(
          'UPDATE calendar_connections SET last_synced_at = $2, last_error = NULL, last_error_at = NULL WHERE id = $1',
          [id, at],
        );
      }),

    syncStates: (tenantId, connectionId) =>
      inTenant(pool, tenantId, async (c) =>
        (
          await c.query<{
            calendar_id: string;
            sync_token: string | null;
            channel_id: string | null;
            channel_token_hash: string | null;
            resource_id: string | null;
            channel_expires_at: Date | null;
            last_synced_at: Date | null;
            last_full_sync_at: Date | null;
          }>('SELECT * FROM calendar_sync_states WHERE connection_id = $1 ORDER BY calendar_id', [
            connectionId,
          ])
        ).rows.map((r): SyncStateRecord => ({
          calendarId: r.calendar_id,
          syncToken: r.sync_token,
          channelId: r.channel_id,
          channelTokenHash: r.channel_token_hash,
          resourceId: r.resource_id,
          channelExpiresAt: r.channel_expires_at,
          lastSyncedAt: r.last_synced_at,
          lastFullSyncAt: r.last_full_sync_at,
        })),
      ),
    saveSyncState: (tenantId, connectionId, calendarId, p) =>
      inTenant(pool, tenantId, async (c) => {
        const cols: [string, unknown][] = [
          ['sync_token', p.syncToken],
          ['channel_id', p.channelId],
          ['channel_token_hash', p.channelTokenHash],
          ['resource_id', p.resourceId],
          ['channel_expires_at', p.channelExpiresAt],
          ['last_synced_at', p.lastSyncedAt],
          ['last_full_sync_at', p.lastFullSyncAt],
        ].filter(([, v]) => v !== undefined) as [string, unknown][];
        const names = cols.map(([n]) => n);
        const values = cols.map(([, v]) => v);
        await c.query(
          `INSERT INTO calendar_sync_states (tenant_id, connection_id, calendar_id${names.map((n) => `, ${n}`).join('')})
           VALUES ($1, $2, $3${names.map((_, i) => `, $${i + 4}`).join('')})
           ON CONFLICT (tenant_id, connection_id, calendar_id) DO UPDATE SET
           ${names.length ? names.map((n) => `${n} = EXCLUDED.${n}`).join(', ') : 'calendar_id = EXCLUDED.calendar_id'}`,
          [tenantId, connectionId, calendarId, ...values],
        );
      }),
    replaceChannel: (tenantId, connectionId, calendarId, previous, ch) =>
      inTenant(pool, tenantId, async (c) => {
        // The WHERE is re-checked against the row a concurrent renewal committed (ON CONFLICT
        // takes the latest version), so of two syncs renewing at once exactly one wins.
        const r = await c.query(
          `INSERT INTO calendar_sync_states (tenant_id, connection_id, calendar_id, channel_id, channel_token_hash, resource_id, channel_expires_at)
           VALUES ($1, $2, $3, $5, $6, $7, $8)
           ON CONFLICT (tenant_id, connection_id, calendar_id) DO UPDATE SET
             channel_id = EXCLUDED.channel_id, channel_token_hash = EXCLUDED.channel_token_hash,
             resource_id = EXCLUDED.resource_id, channel_expires_at = EXCLUDED.channel_expires_at
           WHERE calendar_sync_states.channel_id IS NOT DISTINCT FROM $4`,
          [
            tenantId,
            connectionId,
            calendarId,
            previous,
            ch.channelId,
            ch.channelTokenHash,
            ch.resourceId,
            ch.channelExpiresAt,
          ],
        );
        return (r.rowCount ?? 0) > 0;
      }),
    dropCalendar: (tenantId, connectionId, calendarId) =>
      inTenant(pool, tenantId, async (c) => {
        await c.query(
          'DELETE FROM calendar_sync_states WHERE connection_id = $1 AND calendar_id = $2',
          [connectionId, calendarId],
        );
        await c.query(
          "DELETE FROM external_busy WHERE connection_id = $1 AND left(external_id, length($2) + 1) = $2 || ' '",
          [connectionId, calendarId],
        );
      }),
    findChannel: (tenantId, channelId) =>
      inTenant(pool, tenantId, async (c) => {
        const r = await c.query<{
          connection_id: string;
          calendar_id: string;
          channel_token_hash: string | null;
        }>(
          'SELECT connection_id, calendar_id, channel_token_hash FROM calendar_sync_states WHERE channel_id = $1',
          [channelId],
        );
        const row = r.rows[0];
        return row
          ? {
              connectionId: row.connection_id,
              calendarId: row.calendar_id,
              channelTokenHash: row.channel_token_hash,
            }
          : null;
      }),
    applyBusy: (tenantId, conn, calendarId, change) =>
      inTenant(pool, tenantId, async (c) => {
        const keys = change.upserts.map((u) => externalId(calendarId, u.eventId));
        if (change.full) {
          await c.query(
            `DELETE FROM external_busy WHERE connection_id = $1 AND left(external_id, length($2) + 1) = $2 || ' '
               AND NOT (external_id = ANY($3::text[]))`,
            [conn.id, calendarId, keys],
          );
        } else if (change.removals.length) {
          await c.query(
            'DELETE FROM external_busy WHERE connection_id = $1 AND external_id = ANY($2::text[])',
            [conn.id, change.removals.map((id) => externalId(calendarId, id))],
          );
        }
        if (change.upserts.length) {
          // Unchanged rows are left alone: no write, so no version bump and no cache miss.
          await c.query(
            `INSERT INTO external_busy (id, tenant_id, provider_id, connection_id, external_id, start_at, end_at)
             SELECT gen_random_uuid(), $1, $2, $3, k, s, e FROM unnest($4::text[], $5::timestamptz[], $6::timestamptz[]) AS u(k, s, e)
             ON CONFLICT (tenant_id, connection_id, external_id) DO UPDATE SET start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at
             WHERE external_busy.start_at IS DISTINCT FROM EXCLUDED.start_at OR external_busy.end_at IS DISTINCT FROM EXCLUDED.end_at`,
            [
              tenantId,
              conn.providerId,
              conn.id,
              keys,
              change.upserts.map((u) => u.start),
              change.upserts.map((u) => u.end),
            ],
          );
        }
      }),
    async dueConnections(pollBefore, renewBefore, limit) {
      const r = await pool.query<{ tenant_id: string; connection_id: string }>(
        'SELECT tenant_id, connection_id FROM calendar_due_connections($1, $2, $3)',
        [pollBefore, renewBefore, limit],
      );
      return r.rows.map((x) => ({ tenantId: x.tenant_id, connectionId: x.connection_id }));
    },

    ...pgCalendarBookingEvents(pool),
  };
}
