-- Daily report roll-ups (docs/decisions/0017-report-rollups.md): the reports summary reads these
-- instead of scanning bookings, so a year costs about the same at 500,000 bookings as at 5,000.
-- Kept exact by triggers in the writing transaction (bookings, payment_ledger, tenants' zone);
-- the live function definitions are the prisma/functions/report_*.sql files.

-- Bookings per local day (tenant zone) of their start, provider, service, status and currency.
-- provider_id stays in the key so a filter by provider (or by whatever groups providers, such as
-- a location) applies to the roll-ups as it does to the bookings.
CREATE TABLE "report_daily" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    "price_cents" BIGINT NOT NULL DEFAULT 0,
    -- Time of appointments (a class seat's time is in report_sessions, once per class).
    "duration_ms" BIGINT NOT NULL DEFAULT 0,
    -- Net ledger money of these bookings (captures and fees less refunds).
    "paid_cents" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_daily_pkey" PRIMARY KEY ("tenant_id", "day", "provider_id", "service_id", "status", "currency")
);

-- Bookings not cancelled per local day, provider and local start hour (the busy-hours grid).
CREATE TABLE "report_hours" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "hour" SMALLINT NOT NULL,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "report_hours_pkey" PRIMARY KEY ("tenant_id", "day", "provider_id", "hour")
);

-- One row per class session with a seat not cancelled: its time counts once for its provider.
CREATE TABLE "report_sessions" (
    "tenant_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "session_key" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "service_id" UUID NOT NULL,
    "duration_ms" BIGINT NOT NULL,
    CONSTRAINT "report_sessions_pkey" PRIMARY KEY ("tenant_id", "provider_id", "session_key")
);
CREATE INDEX "report_sessions_day_idx" ON "report_sessions"("tenant_id", "day");

-- Money the ledger collected per local day of the movement (tenant zone), under the booking's
-- provider and service, per currency: succeeded captures, fees and refunds.
CREATE TABLE "report_money" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "captured_cents" BIGINT NOT NULL DEFAULT 0,
    "fee_cents" BIGINT NOT NULL DEFAULT 0,
    "refunded_cents" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_money_pkey" PRIMARY KEY ("tenant_id", "day", "provider_id", "service_id", "currency")
);

-- A filter by providers reads their rows only.
CREATE INDEX "report_daily_provider_idx" ON "report_daily"("tenant_id", "provider_id", "day");
CREATE INDEX "report_hours_provider_idx" ON "report_hours"("tenant_id", "provider_id", "day");
CREATE INDEX "report_money_provider_idx" ON "report_money"("tenant_id", "provider_id", "day");

-- The same figures business-wide (no provider in the key), what the unfiltered summary reads: a
-- year is a few thousand rows whatever the number of providers. Utilisation needs the provider,
-- so booked time is kept per provider and day (one row each), without service or status.
CREATE TABLE "report_totals" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "service_id" UUID NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    "price_cents" BIGINT NOT NULL DEFAULT 0,
    "paid_cents" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_totals_pkey" PRIMARY KEY ("tenant_id", "day", "service_id", "status", "currency")
);
CREATE TABLE "report_total_hours" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "hour" SMALLINT NOT NULL,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "report_total_hours_pkey" PRIMARY KEY ("tenant_id", "day", "hour")
);
CREATE TABLE "report_total_money" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "captured_cents" BIGINT NOT NULL DEFAULT 0,
    "fee_cents" BIGINT NOT NULL DEFAULT 0,
    "refunded_cents" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_total_money_pkey" PRIMARY KEY ("tenant_id", "day", "currency")
);
-- Appointment time not cancelled per provider and day (class time: report_sessions).
CREATE TABLE "report_provider_days" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "duration_ms" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_provider_days_pkey" PRIMARY KEY ("tenant_id", "day", "provider_id")
);

CREATE TABLE "report_provider_months" (
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "duration_ms" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "report_provider_months_pkey" PRIMARY KEY ("tenant_id", "month", "provider_id")
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['report_provider_months', 'report_daily', 'report_hours', 'report_sessions', 'report_money', 'report_totals',
    'report_total_hours', 'report_total_money', 'report_provider_days']
  LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE', t, t || '_tenant_id_fkey');
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
    -- Written only by the triggers, which run as the writer of the booking or ledger row.
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO slotwise_app', t);
  END LOOP;
END $$;

-- First definitions (the live ones are prisma/functions/report_*.sql).
-- Adds (p_sign = 1) or takes away (p_sign = -1) one booking's share of the daily report roll-ups
-- (docs/decisions/0017-report-rollups.md): its (local day, provider, service, status, currency)
-- row in report_daily and report_totals (the same without the provider) and, unless cancelled,
-- its local start hour in report_hours and report_total_hours and its time in
-- report_provider_days and report_provider_months. A class seat (session_key other than its id) adds no time here: its
-- session's time is in report_sessions, once per class. Days and hours are in the tenant's zone.
CREATE OR REPLACE FUNCTION "report_booking_add"(b bookings, p_zone text, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_local timestamp := b.start_at AT TIME ZONE p_zone;
  v_paid bigint;
BEGIN
  -- Net money the ledger holds for this booking (captures and fees less refunds): what is already
  -- paid towards it, so the report can show what an upcoming booking still has to bring in.
  SELECT COALESCE(sum(CASE WHEN l.entry = 'refunded' THEN -l.amount_minor ELSE l.amount_minor END), 0)
    INTO v_paid FROM payment_ledger l
   WHERE l.tenant_id = b.tenant_id AND l.booking_id = b.id AND l.phase = 'succeeded'
     AND l.entry IN ('captured', 'fee', 'refunded');
  INSERT INTO report_daily AS r (tenant_id, day, provider_id, service_id, status, currency,
                                 bookings, price_cents, duration_ms, paid_cents)
  VALUES (b.tenant_id, v_local::date, b.provider_id, b.service_id, b.status, b.currency,
          p_sign, p_sign * b.price_cents::bigint,
          CASE WHEN b.session_key = b.id::text
               THEN p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint ELSE 0 END,
          p_sign * v_paid)
  ON CONFLICT (tenant_id, day, provider_id, service_id, status, currency) DO UPDATE
    SET bookings = r.bookings + EXCLUDED.bookings,
        price_cents = r.price_cents + EXCLUDED.price_cents,
        duration_ms = r.duration_ms + EXCLUDED.duration_ms,
        paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  -- The business-wide rows the unfiltered summary reads (no provider in the key: a year is a few
  -- thousand rows however many providers there are).
  INSERT INTO report_totals AS r (tenant_id, day, service_id, status, currency, bookings, price_cents, paid_cents)
  VALUES (b.tenant_id, v_local::date, b.service_id, b.status, b.currency, p_sign, p_sign * b.price_cents::bigint, p_sign * v_paid)
  ON CONFLICT (tenant_id, day, service_id, status, currency) DO UPDATE
    SET bookings = r.bookings + EXCLUDED.bookings,
        price_cents = r.price_cents + EXCLUDED.price_cents,
        paid_cents = r.paid_cents + EXCLUDED.paid_cents;
  IF b.status <> 'cancelled' THEN
    INSERT INTO report_hours AS r (tenant_id, day, provider_id, hour, bookings)
    VALUES (b.tenant_id, v_local::date, b.provider_id, extract(hour FROM v_local)::smallint, p_sign)
    ON CONFLICT (tenant_id, day, provider_id, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings;
    INSERT INTO report_total_hours AS r (tenant_id, day, hour, bookings)
    VALUES (b.tenant_id, v_local::date, extract(hour FROM v_local)::smallint, p_sign)
    ON CONFLICT (tenant_id, day, hour) DO UPDATE SET bookings = r.bookings + EXCLUDED.bookings;
    IF b.session_key = b.id::text THEN
      INSERT INTO report_provider_days AS r (tenant_id, day, provider_id, duration_ms)
      VALUES (b.tenant_id, v_local::date, b.provider_id, p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint)
      ON CONFLICT (tenant_id, day, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms;
      -- The same per month: a year of utilisation reads twelve rows a provider, not 365.
      INSERT INTO report_provider_months AS r (tenant_id, month, provider_id, duration_ms)
      VALUES (b.tenant_id, date_trunc('month', v_local)::date, b.provider_id,
              p_sign * round(extract(epoch FROM b.end_at - b.start_at) * 1000)::bigint)
      ON CONFLICT (tenant_id, month, provider_id) DO UPDATE SET duration_ms = r.duration_ms + EXCLUDED.duration_ms;
    END IF;
  END IF;
END $$;

-- Recomputes one class session's row in report_sessions from its seats: a class counts once in
-- its provider's booked time (its longest seat that is not cancelled), however many seats it has.
-- Under the session's advisory lock (the one the capacity trigger takes), so two seats written
-- at once cannot both see themselves as the first. No seat left that is not cancelled: no row.
CREATE OR REPLACE FUNCTION "report_session_refresh"(p_tenant uuid, p_provider uuid, p_session_key text, p_zone text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day date;
  v_service uuid;
  v_ms bigint;
BEGIN
  PERFORM booking_session_lock(p_tenant, p_provider, p_session_key);
  SELECT (min(b.start_at) AT TIME ZONE p_zone)::date,
         (array_agg(b.service_id ORDER BY b.start_at, b.id))[1],
         max(round(extract(epoch FROM b.end_at - b.start_at) * 1000))::bigint
    INTO v_day, v_service, v_ms
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.provider_id = p_provider AND b.session_key = p_session_key
     AND b.session_key <> b.id::text AND b.status <> 'cancelled';
  IF v_ms IS NULL THEN
    DELETE FROM report_sessions
     WHERE tenant_id = p_tenant AND provider_id = p_provider AND session_key = p_session_key;
  ELSE
    INSERT INTO report_sessions AS r (tenant_id, provider_id, session_key, day, service_id, duration_ms)
    VALUES (p_tenant, p_provider, p_session_key, v_day, v_service, v_ms)
    ON CONFLICT (tenant_id, provider_id, session_key) DO UPDATE
      SET day = EXCLUDED.day, service_id = EXCLUDED.service_id, duration_ms = EXCLUDED.duration_ms;
  END IF;
END $$;

-- Adds (p_sign = 1) or takes away (-1) a booking's ledger money in report_money under the given
-- provider and service, per local day of each movement: what moves when a booking changes hands
-- (report_money is keyed by the booking's provider and service, so a provider filter applies).
CREATE OR REPLACE FUNCTION "report_money_of_booking"(p_tenant uuid, p_booking uuid, p_provider uuid,
                                                     p_service uuid, p_zone text, p_sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_money AS r (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  SELECT p_tenant, (l.created_at AT TIME ZONE p_zone)::date, p_provider, p_service, l.currency,
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'captured'), 0),
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'fee'), 0),
         p_sign * COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'refunded'), 0)
    FROM payment_ledger l
   WHERE l.tenant_id = p_tenant AND l.booking_id = p_booking AND l.phase = 'succeeded'
     AND l.entry IN ('captured', 'fee', 'refunded')
   GROUP BY 2, 5
  ON CONFLICT (tenant_id, day, provider_id, service_id, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents
$$;

-- Keeps the report roll-ups exact with every booking write, in the writing transaction
-- (docs/decisions/0017-report-rollups.md): the old row's share is taken away and the new row's
-- added, so a create, cancel, status change, reschedule across days, move to another provider or
-- service, price change or delete all land. A class seat also refreshes its session(s). A booking
-- that changes provider or service takes its ledger money along in report_money.
CREATE OR REPLACE FUNCTION "report_bookings_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  -- FOR SHARE: a change of the tenant's zone (which rebuilds the roll-ups) waits for this write
  -- to commit, and a write that comes after it waits and then reads the new zone.
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = COALESCE(NEW.tenant_id, OLD.tenant_id) FOR SHARE;
  -- The tenant is being deleted (its bookings go by cascade): its roll-ups go with it.
  IF v_zone IS NULL THEN RETURN NULL; END IF;
  -- Earlier day first: two writers moving bookings in opposite directions lock the shared
  -- business-wide rows in the same order, so they queue instead of deadlocking.
  IF TG_OP = 'UPDATE' AND NEW.start_at < OLD.start_at THEN
    PERFORM report_booking_add(NEW, v_zone, 1);
    PERFORM report_booking_add(OLD, v_zone, -1);
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM report_booking_add(OLD, v_zone, -1); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM report_booking_add(NEW, v_zone, 1); END IF;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.session_key <> OLD.id::text THEN
    PERFORM report_session_refresh(OLD.tenant_id, OLD.provider_id, OLD.session_key, v_zone);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.session_key <> NEW.id::text
     AND (TG_OP = 'INSERT' OR (NEW.provider_id, NEW.session_key) IS DISTINCT FROM (OLD.provider_id, OLD.session_key)
          OR OLD.session_key = OLD.id::text) THEN
    PERFORM report_session_refresh(NEW.tenant_id, NEW.provider_id, NEW.session_key, v_zone);
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.provider_id, NEW.service_id) IS DISTINCT FROM (OLD.provider_id, OLD.service_id) THEN
    PERFORM report_money_of_booking(OLD.tenant_id, OLD.id, OLD.provider_id, OLD.service_id, v_zone, -1);
    PERFORM report_money_of_booking(NEW.tenant_id, NEW.id, NEW.provider_id, NEW.service_id, v_zone, 1);
  END IF;
  RETURN NULL;
END $$;

-- Keeps the money roll-ups exact with every ledger insert (the ledger is append-only, so inserts
-- are its only change): a succeeded capture, fee or refund adds to report_money on the movement's
-- local day (tenant zone), under the booking's provider and service, and to report_total_money
-- (business-wide), and to the paid amount of the booking's report_daily and report_totals rows. Authorisations, releases, disputes and pending or failed
-- outcomes move no collected money.
CREATE OR REPLACE FUNCTION "report_ledger_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
  b bookings;
  v_signed bigint := CASE WHEN NEW.entry = 'refunded' THEN -NEW.amount_minor ELSE NEW.amount_minor END;
BEGIN
  IF NEW.phase <> 'succeeded' OR NEW.entry NOT IN ('captured', 'fee', 'refunded') THEN RETURN NULL; END IF;
  -- FOR SHARE on the booking: a concurrent change of its status, day or provider either commits
  -- first (and this reads the new row) or waits for this insert (and its trigger then counts this
  -- row in the booking's paid amount); without it the money could land on a row the booking left.
  -- Booking first, then tenant: the order the booking trigger locks them in.
  SELECT * INTO b FROM bookings WHERE tenant_id = NEW.tenant_id AND id = NEW.booking_id FOR SHARE;
  SELECT t.time_zone INTO v_zone FROM tenants t WHERE t.id = NEW.tenant_id FOR SHARE;
  INSERT INTO report_money AS r (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, NEW.currency,
          CASE WHEN NEW.entry = 'captured' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'fee' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'refunded' THEN NEW.amount_minor ELSE 0 END)
  ON CONFLICT (tenant_id, day, provider_id, service_id, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents;
  INSERT INTO report_total_money AS r (tenant_id, day, currency, captured_cents, fee_cents, refunded_cents)
  VALUES (NEW.tenant_id, (NEW.created_at AT TIME ZONE v_zone)::date, NEW.currency,
          CASE WHEN NEW.entry = 'captured' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'fee' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.entry = 'refunded' THEN NEW.amount_minor ELSE 0 END)
  ON CONFLICT (tenant_id, day, currency) DO UPDATE
    SET captured_cents = r.captured_cents + EXCLUDED.captured_cents,
        fee_cents = r.fee_cents + EXCLUDED.fee_cents,
        refunded_cents = r.refunded_cents + EXCLUDED.refunded_cents;
  UPDATE report_totals SET paid_cents = paid_cents + v_signed
   WHERE tenant_id = b.tenant_id AND day = (b.start_at AT TIME ZONE v_zone)::date
     AND service_id = b.service_id AND status = b.status AND currency = b.currency;
  UPDATE report_daily SET paid_cents = paid_cents + v_signed
   WHERE tenant_id = b.tenant_id AND day = (b.start_at AT TIME ZONE v_zone)::date AND provider_id = b.provider_id
     AND service_id = b.service_id AND status = b.status AND currency = b.currency;
  RETURN NULL;
END $$;

-- Recomputes one tenant's report roll-ups from the base tables (bookings, payment_ledger): what a
-- change of the tenant's time zone runs (every local day moves), what the migration ran once to
-- fill them, and the reference the consistency test compares the trigger-kept rows against.
CREATE OR REPLACE FUNCTION "report_rebuild"(p_tenant uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_zone text;
BEGIN
  SELECT time_zone INTO v_zone FROM tenants WHERE id = p_tenant;
  DELETE FROM report_daily WHERE tenant_id = p_tenant;
  DELETE FROM report_hours WHERE tenant_id = p_tenant;
  DELETE FROM report_sessions WHERE tenant_id = p_tenant;
  DELETE FROM report_money WHERE tenant_id = p_tenant;
  DELETE FROM report_totals WHERE tenant_id = p_tenant;
  DELETE FROM report_total_hours WHERE tenant_id = p_tenant;
  DELETE FROM report_total_money WHERE tenant_id = p_tenant;
  DELETE FROM report_provider_days WHERE tenant_id = p_tenant;
  DELETE FROM report_provider_months WHERE tenant_id = p_tenant;
  IF v_zone IS NULL THEN RETURN; END IF;

  INSERT INTO report_daily (tenant_id, day, provider_id, service_id, status, currency, bookings, price_cents, duration_ms, paid_cents)
  SELECT b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, b.status, b.currency,
         count(*), sum(b.price_cents),
         COALESCE(sum(round(extract(epoch FROM b.end_at - b.start_at) * 1000)) FILTER (WHERE b.session_key = b.id::text), 0),
         COALESCE(sum(p.paid), 0)
    FROM bookings b
    LEFT JOIN (
      SELECT l.booking_id, sum(CASE WHEN l.entry = 'refunded' THEN -l.amount_minor ELSE l.amount_minor END) AS paid
        FROM payment_ledger l
       WHERE l.tenant_id = p_tenant AND l.phase = 'succeeded' AND l.entry IN ('captured', 'fee', 'refunded')
       GROUP BY l.booking_id
    ) p ON p.booking_id = b.id
   WHERE b.tenant_id = p_tenant
   GROUP BY 1, 2, 3, 4, 5, 6;

  INSERT INTO report_hours (tenant_id, day, provider_id, hour, bookings)
  SELECT b.tenant_id, (b.start_at AT TIME ZONE v_zone)::date, b.provider_id,
         extract(hour FROM b.start_at AT TIME ZONE v_zone)::smallint, count(*)
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.status <> 'cancelled'
   GROUP BY 1, 2, 3, 4;

  INSERT INTO report_sessions (tenant_id, provider_id, session_key, day, service_id, duration_ms)
  SELECT b.tenant_id, b.provider_id, b.session_key, (min(b.start_at) AT TIME ZONE v_zone)::date,
         (array_agg(b.service_id ORDER BY b.start_at, b.id))[1],
         max(round(extract(epoch FROM b.end_at - b.start_at) * 1000))
    FROM bookings b
   WHERE b.tenant_id = p_tenant AND b.session_key <> b.id::text AND b.status <> 'cancelled'
   GROUP BY 1, 2, 3;

  INSERT INTO report_money (tenant_id, day, provider_id, service_id, currency, captured_cents, fee_cents, refunded_cents)
  SELECT l.tenant_id, (l.created_at AT TIME ZONE v_zone)::date, b.provider_id, b.service_id, l.currency,
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'captured'), 0),
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'fee'), 0),
         COALESCE(sum(l.amount_minor) FILTER (WHERE l.entry = 'refunded'), 0)
    FROM payment_ledger l
    JOIN bookings b ON b.tenant_id = l.tenant_id AND b.id = l.booking_id
   WHERE l.tenant_id = p_tenant AND l.phase = 'succeeded' AND l.entry IN ('captured', 'fee', 'refunded')
   GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO report_totals (tenant_id, day, service_id, status, currency, bookings, price_cents, paid_cents)
  SELECT tenant_id, day, service_id, status, currency, sum(bookings), sum(price_cents), sum(paid_cents)
    FROM report_daily WHERE tenant_id = p_tenant GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO report_total_hours (tenant_id, day, hour, bookings)
  SELECT tenant_id, day, hour, sum(bookings) FROM report_hours WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
  INSERT INTO report_total_money (tenant_id, day, currency, captured_cents, fee_cents, refunded_cents)
  SELECT tenant_id, day, currency, sum(captured_cents), sum(fee_cents), sum(refunded_cents)
    FROM report_money WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
  INSERT INTO report_provider_days (tenant_id, day, provider_id, duration_ms)
  SELECT tenant_id, day, provider_id, sum(duration_ms) FILTER (WHERE status <> 'cancelled')
    FROM report_daily WHERE tenant_id = p_tenant GROUP BY 1, 2, 3
  HAVING sum(duration_ms) FILTER (WHERE status <> 'cancelled') IS NOT NULL;
  INSERT INTO report_provider_months (tenant_id, month, provider_id, duration_ms)
  SELECT tenant_id, date_trunc('month', day)::date, provider_id, sum(duration_ms)
    FROM report_provider_days WHERE tenant_id = p_tenant GROUP BY 1, 2, 3;
END $$;

-- A tenant's time zone moves every local day its reports are in: its roll-ups are rebuilt from
-- the base tables in the same transaction as the change (a rare, owner-made change; the cost is
-- one pass over the tenant's bookings and ledger).
CREATE OR REPLACE FUNCTION "report_tenant_zone_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_rebuild(NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER "report_bookings_changed"
  AFTER INSERT OR DELETE OR UPDATE OF status, start_at, end_at, provider_id, service_id, price_cents, currency, session_key
  ON "bookings" FOR EACH ROW EXECUTE FUNCTION "report_bookings_changed"();
CREATE TRIGGER "report_ledger_changed" AFTER INSERT ON "payment_ledger"
  FOR EACH ROW WHEN (NEW.phase = 'succeeded' AND NEW.entry IN ('captured', 'fee', 'refunded'))
  EXECUTE FUNCTION "report_ledger_changed"();
CREATE TRIGGER "report_tenant_zone_changed" AFTER UPDATE OF time_zone ON "tenants"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION "report_tenant_zone_changed"();

-- Fill the roll-ups of the existing tenants.
SELECT report_rebuild(id) FROM tenants;
