-- The booking write (docs/decisions/0007-booking-write-decides-in-the-app.md): one statement, one
-- transaction, all or nothing. It decides nothing: the app chose the provider, the customer (an
-- existing one or a new row), the status, whether the slot is outside availability, and built the
-- booking row, its history row and its outbox payloads, which are stored verbatim. It only
-- re-checks what those decisions relied on and leaves the invariants to the database:
--
--   SW004  the schedule the engine used changed since the snapshot read: the sum of the tenant's,
--          the service's and the provider's schedule_versions is not p_schedule_version;
--   SW005  the app chose "new customer" but a customer with this email or phone was created since;
--   SW002  the provider is taken: it is held by an overlapping active booking, in any role
--          (booking_participants_no_overlap, met by the booking's 'primary' row that
--          bookings_sync_participants inserts, waiting for an in-flight one to commit or roll back;
--          docs/decisions/0025-one-provider-exclusion.md);
--   SW001  (the capacity trigger) the class session is full;
--   SW002  also: a host provider of a team booking is held by an overlapping booking (any role);
--   SW013  (booking_participants_enforce_capacity) a required resource is at capacity.
--
-- Team services (docs/decisions/0018-teams-and-resources.md): p_booking.participants is
-- {"hosts": [provider ids], "resources": [resource ids]}, each sorted; the booking holds them too,
-- in booking_participants, and p_schedule_version covers their schedule scopes as well.
--
-- Codes are classified in server/src/adapters/prisma/sql-errors.ts. It sets app.tenant_id for its
-- own transaction, so row-level security applies; SECURITY INVOKER.
--
-- p_customer: null for an existing customer (p_booking.customer_id), else the new customer's row.
-- p_booking: the bookings row as columns (provider_id, customer_id, outside_availability included);
--   hold_minutes for a pending_payment booking: its hold ends that long after the database's now().
-- Returns the new booking joined with its service, provider and customer names: the columns the
-- bookings repository reads everywhere (server/src/adapters/prisma/repositories/bookings.ts).
CREATE OR REPLACE FUNCTION "booking_create"(
  p_tenant uuid, p_schedule_version bigint, p_customer jsonb, p_booking jsonb, p_answers jsonb,
  p_event jsonb, p_outbox jsonb)
RETURNS TABLE (
  id uuid, status text, service_id uuid, provider_id uuid, customer_id uuid, start_at timestamptz, end_at timestamptz,
  buffer_before_minutes integer, buffer_after_minutes integer, session_key text, seats integer, confirmation_code text,
  manage_token_hash text, ics_sequence integer, price_cents integer, currency text, deposit_cents integer,
  customer_time_zone text, customer_notes text, staff_notes text, source text, outside_availability boolean,
  cancel_reason text, cancelled_at timestamptz, created_at timestamptz, updated_at timestamptz,
  service_name text, provider_name text, customer_name text, customer_email text, customer_phone text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_service uuid := (p_booking->>'service_id')::uuid;
  v_provider uuid := (p_booking->>'provider_id')::uuid;
  v_customer uuid := (p_booking->>'customer_id')::uuid;
  v_booking uuid;
  v_inserted uuid;
  v_hosts uuid[] := '{}';
  v_resources uuid[] := '{}';
  v_held integer;
  v_attempt integer;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  -- Each statement of a function costs its own set-up whether it finds rows or not, so what most
  -- bookings lack (participants, intake answers) is not even queried for.
  IF p_booking ? 'participants' THEN
    v_hosts := ARRAY(SELECT jsonb_array_elements_text(COALESCE(p_booking->'participants'->'hosts', '[]'))::uuid);
    v_resources := ARRAY(SELECT jsonb_array_elements_text(COALESCE(p_booking->'participants'->'resources', '[]'))::uuid);
  END IF;

  IF (SELECT COALESCE(sum(v.version), 0) FROM schedule_versions v
      WHERE v.tenant_id = p_tenant
        AND (v.scope IN (p_tenant, v_service, v_provider) OR v.scope = ANY(v_hosts) OR v.scope = ANY(v_resources))
     ) <> p_schedule_version THEN
    RAISE EXCEPTION 'schedule_changed: the schedule changed since it was read' USING ERRCODE = 'SW004';
  END IF;

  -- Bookings holding several providers take a lock per provider, in id order, before any row:
  -- two of them sharing a provider then never wait on each other's rows in opposite orders.
  IF cardinality(v_hosts) > 0 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('team/' || p_tenant::text || '/' || x::text, 0))
      FROM unnest(v_hosts || v_provider) x ORDER BY x;
  END IF;

  IF p_customer IS NOT NULL THEN
    -- Waits for an in-flight insert of the same email or phone; nothing inserted means it committed.
    INSERT INTO customers (id, tenant_id, name, email, phone, time_zone, updated_at)
    VALUES (v_customer, p_tenant, p_customer->>'name', p_customer->>'email', p_customer->>'phone',
            p_customer->>'time_zone', now())
    ON CONFLICT DO NOTHING
    RETURNING id INTO v_inserted;
    IF v_inserted IS NULL THEN
      RAISE EXCEPTION 'customer_changed: a customer with this email or phone was just created' USING ERRCODE = 'SW005';
    END IF;
  END IF;

  -- An unpaid hold past its expiry that stands in the way is cancelled by the trigger that holds
  -- the provider (bookings_sync_participants), which then tries once more: a lost expiry job must
  -- not block the slot.
  INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
    buffer_before_minutes, buffer_after_minutes, session_key, seats, confirmation_code, manage_token_hash,
    price_cents, currency, deposit_cents, customer_time_zone, customer_notes, staff_notes, source,
    outside_availability, hold_expires_at, language, updated_at)
  SELECT (p_booking->>'id')::uuid, p_tenant, v_service, v_provider, v_customer, r.status, r.start_at, r.end_at,
    r.buffer_before_minutes, r.buffer_after_minutes, r.session_key, r.seats, r.confirmation_code, r.manage_token_hash,
    r.price_cents, r.currency, r.deposit_cents, r.customer_time_zone, r.customer_notes, r.staff_notes, r.source,
    r.outside_availability,
    CASE WHEN r.status = 'pending_payment' THEN now() + make_interval(mins => COALESCE(r.hold_minutes, 15)) END,
    COALESCE(r.language, 'en'), now()
  FROM jsonb_to_record(p_booking) AS r(status "BookingStatus", start_at timestamptz, end_at timestamptz,
    buffer_before_minutes integer, buffer_after_minutes integer, session_key text, seats integer,
    confirmation_code text, manage_token_hash text, price_cents integer, currency text, deposit_cents integer,
    customer_time_zone text, customer_notes text, staff_notes text, source text, outside_availability boolean,
    hold_minutes integer, language text)
  RETURNING id INTO v_booking;

  IF cardinality(v_hosts) > 0 THEN
    -- Twice at most: after a conflict, the unpaid holds past their expiry that hold those hosts
    -- are cancelled and the missing hosts tried once more (as the trigger does for the provider).
    FOR v_attempt IN 1..2 LOOP
      INSERT INTO booking_participants (tenant_id, booking_id, role, provider_id, occupied_start, occupied_end, session_key, active)
      SELECT p_tenant, v_booking, 'host', h, b.occupied_start, b.occupied_end, b.session_key, true
      FROM bookings b CROSS JOIN unnest(v_hosts) h
      WHERE b.tenant_id = p_tenant AND b.id = v_booking
      ORDER BY h
      ON CONFLICT DO NOTHING;
      SELECT count(*) INTO v_held FROM booking_participants x
       WHERE x.tenant_id = p_tenant AND x.booking_id = v_booking AND x.role = 'host';
      EXIT WHEN v_held = cardinality(v_hosts) OR v_attempt = 2;
      EXIT WHEN (SELECT COALESCE(sum(booking_expire_holds(p_tenant, h,
                   (p_booking->>'start_at')::timestamptz - make_interval(mins => (p_booking->>'buffer_before_minutes')::integer),
                   (p_booking->>'end_at')::timestamptz + make_interval(mins => (p_booking->>'buffer_after_minutes')::integer))), 0)
                 FROM unnest(v_hosts) h) = 0;
    END LOOP;
    IF v_held < cardinality(v_hosts) THEN
      RAISE EXCEPTION 'slot_taken: a host of the team has an overlapping booking' USING ERRCODE = 'SW002';
    END IF;
  END IF;
  IF cardinality(v_resources) > 0 THEN
    INSERT INTO booking_participants (tenant_id, booking_id, role, resource_id, occupied_start, occupied_end, session_key, active)
    SELECT p_tenant, v_booking, 'resource', r, b.occupied_start, b.occupied_end, b.session_key, true
    FROM bookings b CROSS JOIN unnest(v_resources) r
    WHERE b.tenant_id = p_tenant AND b.id = v_booking
    -- Seats of one class session share its hold of the resource (the capacity trigger counts
    -- sessions, not rows).
    ORDER BY r;
  END IF;

  IF jsonb_array_length(COALESCE(p_answers, '[]')) > 0 THEN
    INSERT INTO intake_answers (id, tenant_id, booking_id, field_id, key, label, value)
    SELECT gen_random_uuid(), p_tenant, v_booking, a.field_id, a.key, a.label, a.value
    FROM jsonb_to_recordset(p_answers) AS a(field_id uuid, key text, label text, value jsonb);
  END IF;
  INSERT INTO booking_events (id, tenant_id, booking_id, action, from_status, to_status, actor_type, actor_id, reason, data)
  SELECT gen_random_uuid(), p_tenant, v_booking, e.action, e.from_status, e.to_status, e.actor_type, e.actor_id,
    e.reason, COALESCE(e.data, '{}')
  FROM jsonb_to_record(p_event) AS e(action text, from_status "BookingStatus", to_status "BookingStatus",
    actor_type text, actor_id text, reason text, data jsonb);
  INSERT INTO outbox_events (tenant_id, topic, payload)
  SELECT p_tenant, m.topic, m.payload FROM jsonb_to_recordset(p_outbox) AS m(topic text, payload jsonb);

  RETURN QUERY
  SELECT b.id, b.status::text, b.service_id, b.provider_id, b.customer_id, b.start_at, b.end_at,
    b.buffer_before_minutes, b.buffer_after_minutes, b.session_key, b.seats, b.confirmation_code,
    b.manage_token_hash, b.ics_sequence, b.price_cents, b.currency::text, b.deposit_cents, b.customer_time_zone,
    b.customer_notes, b.staff_notes, b.source, b.outside_availability, b.cancel_reason, b.cancelled_at,
    b.created_at, b.updated_at, s.name, p.name, c.name, c.email, c.phone
  FROM bookings b
  JOIN services s ON s.tenant_id = b.tenant_id AND s.id = b.service_id
  JOIN providers p ON p.tenant_id = b.tenant_id AND p.id = b.provider_id
  JOIN customers c ON c.tenant_id = b.tenant_id AND c.id = b.customer_id
  WHERE b.tenant_id = p_tenant AND b.id = v_booking;
END $$;
