import type pg from 'pg';

// The roll-ups as stored, and the same figures recomputed in TypeScript from the base tables,
// independently of the SQL that keeps them (Intl for local days and hours).

const local = (ms: number, zone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

type Row = Record<string, string | number>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

/**
 * The roll-ups as the triggers left them, zero rows aside (a row emptied by a move stays), after
 * folding the queued booking creates as the fold job does (ADR 0022; `fold: false` reads them as
 * they are, queue aside).
 */
export async function rollups(c: pg.Client, tenantId: string, opts: { fold?: boolean } = {}) {
  if (opts.fold !== false) await c.query('SELECT report_fold($1, 1000000)', [tenantId]);
  const q = async (sql: string) => (await c.query<Row>(sql, [tenantId])).rows;
  return {
    daily: sorted(
      await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, provider_id, service_id, status::text AS status, currency::text AS currency,
        bookings, price_cents::int AS price, duration_ms::int AS ms, paid_cents::int AS paid FROM report_daily
        WHERE tenant_id = $1 AND (bookings <> 0 OR price_cents <> 0 OR duration_ms <> 0 OR paid_cents <> 0)`),
    ),
    hours: sorted(
      await q(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, provider_id, hour::int AS hour, bookings FROM report_hours WHERE tenant_id = $1 AND bookings <> 0`,
      ),
    ),
    sessions: sorted(
      await q(
        `SELECT provider_id, session_key, to_char(day, 'YYYY-MM-DD') AS day, service_id, duration_ms::int AS ms FROM report_sessions WHERE tenant_id = $1`,
      ),
    ),
    money: sorted(
      await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, provider_id, service_id, currency::text AS currency,
        captured_cents::int AS captured, fee_cents::int AS fee, refunded_cents::int AS refunded FROM report_money
        WHERE tenant_id = $1 AND (captured_cents <> 0 OR fee_cents <> 0 OR refunded_cents <> 0)`),
    ),
    totals: sorted(
      await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, service_id, status::text AS status, currency::text AS currency,
        bookings, price_cents::int AS price, paid_cents::int AS paid FROM report_totals
        WHERE tenant_id = $1 AND (bookings <> 0 OR price_cents <> 0 OR paid_cents <> 0)`),
    ),
    totalHours: sorted(
      await q(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, hour::int AS hour, bookings FROM report_total_hours WHERE tenant_id = $1 AND bookings <> 0`,
      ),
    ),
    totalMoney: sorted(
      await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, currency::text AS currency,
        captured_cents::int AS captured, fee_cents::int AS fee, refunded_cents::int AS refunded FROM report_total_money
        WHERE tenant_id = $1 AND (captured_cents <> 0 OR fee_cents <> 0 OR refunded_cents <> 0)`),
    ),
    providerDays: sorted(
      await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day, provider_id, duration_ms::int AS ms FROM report_provider_days
        WHERE tenant_id = $1 AND duration_ms <> 0`),
    ),
    providerMonths: sorted(
      await q(`SELECT to_char(month, 'YYYY-MM-DD') AS month, provider_id, duration_ms::int AS ms FROM report_provider_months
        WHERE tenant_id = $1 AND duration_ms <> 0`),
    ),
  };
}

/** The same figures recomputed in TypeScript from the base tables. */
export async function recomputed(c: pg.Client, tenantId: string) {
  const zone = (
    await c.query<{ z: string }>('SELECT time_zone AS z FROM tenants WHERE id = $1', [tenantId])
  ).rows[0]!.z;
  const bookings = (
    await c.query<{
      id: string;
      provider_id: string;
      service_id: string;
      status: string;
      currency: string;
      price: number;
      start: Date;
      end: Date;
      session_key: string;
    }>(
      `SELECT id, provider_id, service_id, status::text AS status, currency::text AS currency, price_cents AS price,
              start_at AS start, end_at AS "end", session_key FROM bookings WHERE tenant_id = $1`,
      [tenantId],
    )
  ).rows;
  const ledger = (
    await c.query<{
      booking_id: string;
      entry: string;
      amount: number;
      currency: string;
      at: Date;
    }>(
      `SELECT booking_id, entry, amount_minor AS amount, currency::text AS currency, created_at AS at FROM payment_ledger
       WHERE tenant_id = $1 AND phase = 'succeeded' AND entry IN ('captured', 'fee', 'refunded')`,
      [tenantId],
    )
  ).rows;
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const paid = new Map<string, number>();
  for (const l of ledger)
    paid.set(
      l.booking_id,
      (paid.get(l.booking_id) ?? 0) + (l.entry === 'refunded' ? -l.amount : l.amount),
    );

  const add = (m: Map<string, Row>, key: Row, values: Record<string, number>) => {
    const k = JSON.stringify(key);
    const row = m.get(k) ?? {
      ...key,
      ...Object.fromEntries(Object.keys(values).map((v) => [v, 0])),
    };
    for (const [v, n] of Object.entries(values)) row[v] = (row[v] as number) + n;
    m.set(k, row);
  };
  const daily = new Map<string, Row>();
  const hours = new Map<string, Row>();
  const totals = new Map<string, Row>();
  const totalHours = new Map<string, Row>();
  const totalMoney = new Map<string, Row>();
  const providerDays = new Map<string, Row>();
  const providerMonths = new Map<string, Row>();
  const sessions = new Map<
    string,
    { provider_id: string; session_key: string; first: (typeof bookings)[number]; ms: number }
  >();
  for (const b of bookings) {
    const { day, hour } = local(b.start.getTime(), zone);
    const ms = b.end.getTime() - b.start.getTime();
    const isClass = b.session_key !== b.id;
    add(
      daily,
      {
        day,
        provider_id: b.provider_id,
        service_id: b.service_id,
        status: b.status,
        currency: b.currency,
      },
      { bookings: 1, price: b.price, ms: isClass ? 0 : ms, paid: paid.get(b.id) ?? 0 },
    );
    add(
      totals,
      { day, service_id: b.service_id, status: b.status, currency: b.currency },
      { bookings: 1, price: b.price, paid: paid.get(b.id) ?? 0 },
    );
    if (b.status !== 'cancelled') {
      add(hours, { day, provider_id: b.provider_id, hour }, { bookings: 1 });
      add(totalHours, { day, hour }, { bookings: 1 });
      if (!isClass) {
        add(providerDays, { day, provider_id: b.provider_id }, { ms });
        add(providerMonths, { month: `${day.slice(0, 7)}-01`, provider_id: b.provider_id }, { ms });
      }
    }
    if (isClass && b.status !== 'cancelled') {
      const k = `${b.provider_id}/${b.session_key}`;
      const s = sessions.get(k);
      const earlier =
        !s || b.start < s.first.start || (+b.start === +s.first.start && b.id < s.first.id);
      sessions.set(k, {
        provider_id: b.provider_id,
        session_key: b.session_key,
        first: earlier ? b : s!.first,
        ms: Math.max(ms, s?.ms ?? 0),
      });
    }
  }
  const money = new Map<string, Row>();
  for (const l of ledger) {
    const b = byId.get(l.booking_id)!;
    const moved = {
      captured: l.entry === 'captured' ? l.amount : 0,
      fee: l.entry === 'fee' ? l.amount : 0,
      refunded: l.entry === 'refunded' ? l.amount : 0,
    };
    const day = local(l.at.getTime(), zone).day;
    add(
      money,
      { day, provider_id: b.provider_id, service_id: b.service_id, currency: l.currency },
      moved,
    );
    add(totalMoney, { day, currency: l.currency }, moved);
  }
  const nonZero = (m: Map<string, Row>, cols: string[]) =>
    [...m.values()].filter((r) => cols.some((c) => r[c] !== 0));
  return {
    daily: sorted(nonZero(daily, ['bookings', 'price', 'ms', 'paid'])),
    hours: sorted(nonZero(hours, ['bookings'])),
    sessions: sorted(
      [...sessions.values()].map((s) => ({
        provider_id: s.provider_id,
        session_key: s.session_key,
        day: local(s.first.start.getTime(), zone).day,
        service_id: s.first.service_id,
        ms: s.ms,
      })),
    ),
    money: sorted(nonZero(money, ['captured', 'fee', 'refunded'])),
    totals: sorted(nonZero(totals, ['bookings', 'price', 'paid'])),
    totalHours: sorted(nonZero(totalHours, ['bookings'])),
    totalMoney: sorted(nonZero(totalMoney, ['captured', 'fee', 'refunded'])),
    providerDays: sorted(nonZero(providerDays, ['ms'])),
    providerMonths: sorted(nonZero(providerMonths, ['ms'])),
  };
}
