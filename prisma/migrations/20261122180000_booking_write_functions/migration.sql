-- The booking hot path as two statements (docs/decisions/0006-booking-hot-path-in-sql-functions.md).
--
-- Creating a booking used to be an interactive transaction of eight round trips (BEGIN, tenant,
-- snapshot, intake questions, customer, booking, COMMIT), each parsed and planned afresh. Now it
-- is one read and one write, each a single autocommitted statement calling a PL/pgSQL function:
-- PL/pgSQL keeps the plans of its statements per connection, and a single statement is a
-- transaction of its own, so the write is still all or nothing.
--
-- The read and the write are separate transactions. That loses nothing: bookings run at READ
-- COMMITTED, where every statement took its own snapshot anyway, and the read locks nothing. What
-- makes double booking impossible is in the write: the bookings_no_overlap exclusion constraint
-- and the capacity trigger, both checked against committed and in-flight rows.
--
-- Each function sets app.tenant_id for its own transaction (set_config(..., true)), so row-level
-- security applies to every statement in it. They are SECURITY INVOKER: a caller can do nothing
-- through them it could not do with set_config and plain statements.

-- The tenant's customer with this email, else with this phone, else a new one. Safe when the
-- same person books twice at once: ON CONFLICT DO NOTHING waits for the other insert, and the
-- second lookup (a new snapshot) finds its row.
CREATE FUNCTION "customer_find_or_create"(p_tenant uuid, p_name text, p_email text, p_phone text, p_time_zone text)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT id INTO v_id FROM customers
   WHERE tenant_id = p_tenant AND (email = p_email OR phone = p_phone)
   ORDER BY (email = p_email) IS TRUE DESC LIMIT 1;
  IF v_id IS NOT NULL THEN
    RETURN v_id;
  END IF;
  INSERT INTO customers (id, tenant_id, name, email, phone, time_zone, updated_at)
  VALUES (gen_random_uuid(), p_tenant, p_name, p_email, p_phone, p_time_zone, now())
  ON CONFLICT DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM customers
     WHERE tenant_id = p_tenant AND (email = p_email OR phone = p_phone)
     ORDER BY (email = p_email) IS TRUE DESC LIMIT 1;
  END IF;
  IF v_id IS NULL THEN
    RAISE EXCEPTION 'customer_conflict: the email and phone belong to different customers being created at once'
      USING ERRCODE = 'SW003';
  END IF;
  RETURN v_id;
END $$;

-- The slot engine's input for one service and window, as one JSON document (see
-- server/src/adapters/prisma/repositories/availability.ts for its shape and why it is built so),
-- plus the booking form's intake questions when p_with_intake.
CREATE FUNCTION "availability_snapshot"(
  p_tenant uuid, p_service uuid, p_provider uuid, p_from timestamptz, p_to timestamptz,
  p_exclude_booking uuid, p_from_date date, p_to_date date, p_with_intake boolean)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN (
    WITH svc AS (
      SELECT id, name, description, category, duration_minutes, buffer_before_minutes, buffer_after_minutes,
             price_cents, currency, deposit_type, deposit_value, capacity, min_notice_minutes, max_advance_days,
             slot_interval_minutes, requires_approval, active, sort_order, created_at, updated_at
      FROM services
      WHERE tenant_id = p_tenant AND id = p_service AND deleted_at IS NULL
    ),
    prov AS (
      SELECT p.id, p.time_zone, p.sort_order, (row_number() OVER (ORDER BY p.sort_order, p.id) - 1)::int AS idx
      FROM provider_services ps
      JOIN providers p ON p.tenant_id = ps.tenant_id AND p.id = ps.provider_id
      WHERE ps.tenant_id = p_tenant AND ps.service_id = p_service
        AND p.active AND p.deleted_at IS NULL
        AND (p_provider IS NULL OR p.id = p_provider)
        AND EXISTS (SELECT 1 FROM svc)
    ),
    win AS (
      SELECT p_from - make_interval(mins => buffer_before_minutes) AS lo,
             p_to + make_interval(mins => duration_minutes + buffer_after_minutes) AS hi
      FROM svc
    ),
    -- Per provider (LATERAL), so the scan is always by provider and time, whatever the table's
    -- statistics say: on a young or fast-growing table they claim it is empty, and the planner
    -- once chose to read every booking of the tenant. The range test matches bookings_no_overlap,
    -- the two comparisons the btree index of *_availability_indexes.
    bk AS (
      SELECT prov.idx, b.service_id, round(date_part('epoch', b.start_at) * 1000) AS start_ms, round(date_part('epoch', b.end_at) * 1000) AS end_ms,
             b.buffer_before_minutes AS bb, b.buffer_after_minutes AS ba, b.seats
      FROM prov CROSS JOIN win
      CROSS JOIN LATERAL (
        SELECT * FROM bookings b
        WHERE b.tenant_id = p_tenant AND b.provider_id = prov.id
          AND b.status IN ('pending', 'confirmed', 'checked_in')
          AND tstzrange(b.occupied_start, b.occupied_end, '[)') && tstzrange(win.lo, win.hi, '[)')
          AND b.occupied_end > win.lo AND b.occupied_start < win.hi
          AND (p_exclude_booking IS NULL OR b.id <> p_exclude_booking)
      ) b
    )
    SELECT json_build_object(
      'tz', (SELECT time_zone FROM tenants WHERE id = p_tenant),
      'service', (SELECT row_to_json(svc) FROM svc),
      'providers', COALESCE((SELECT json_agg(json_build_array(id, time_zone, sort_order) ORDER BY idx) FROM prov), '[]'),
      'rules', COALESCE((
        SELECT json_agg(json_build_array(prov.idx, r.weekday, r.start_time, r.end_time, NULLIF(r.service_ids, '{}')))
        FROM availability_rules r JOIN prov ON prov.id = r.provider_id
        WHERE r.tenant_id = p_tenant), '[]'),
      'overrides', COALESCE((
        SELECT json_agg(json_build_array(prov.idx, o.start_date, o.end_date, o.intervals))
        FROM date_overrides o JOIN prov ON prov.id = o.provider_id
        WHERE o.tenant_id = p_tenant AND o.end_date >= p_from_date AND o.start_date <= p_to_date), '[]'),
      'blackouts', COALESCE((
        SELECT json_agg(json_build_array(b.start_date, b.end_date))
        FROM blackouts b
        WHERE b.tenant_id = p_tenant AND b.end_date >= p_from_date AND b.start_date <= p_to_date), '[]'),
      'bookings', (
        SELECT json_build_object(
          'services', d.ids,
          'provider', COALESCE(array_agg(bk.idx), '{}'),
          'service', COALESCE(array_agg(array_position(d.ids, bk.service_id) - 1), '{}'),
          'start', COALESCE(array_agg(bk.start_ms), '{}'),
          'end', COALESCE(array_agg(bk.end_ms), '{}'),
          'before', COALESCE(array_agg(bk.bb), '{}'),
          'after', COALESCE(array_agg(bk.ba), '{}'),
          'seats', COALESCE(array_agg(bk.seats), '{}'))
        FROM bk, (SELECT array_agg(service_id) AS ids FROM (SELECT DISTINCT service_id FROM bk) u) d
        GROUP BY d.ids),
      'busy', (
        SELECT json_build_object(
          'provider', COALESCE(array_agg(prov.idx), '{}'),
          'start', COALESCE(array_agg(round(date_part('epoch', x.start_at) * 1000)), '{}'),
          'end', COALESCE(array_agg(round(date_part('epoch', x.end_at) * 1000)), '{}'))
        FROM prov
        JOIN external_busy x ON x.tenant_id = p_tenant AND x.provider_id = prov.id
        CROSS JOIN win
        WHERE x.end_at > win.lo AND x.start_at < win.hi),
      'intake', CASE WHEN p_with_intake THEN COALESCE((
        SELECT json_agg(json_build_object('id', f.id, 'key', f.key, 'label', f.label, 'type', f.type,
                                          'required', f.required, 'options', f.options)
                        ORDER BY f.sort_order, f.created_at, f.id)
        FROM intake_fields f
        WHERE f.tenant_id = p_tenant AND (f.service_id = p_service OR f.service_id IS NULL)), '[]') END
    )::text
  );
END $$;

-- Creates a booking: the customer (found or created), the booking for the first candidate
-- provider that is free, its intake answers, its first history row and its outbox events, or
-- nothing at all. Candidates are tried in order; an overlapping active booking makes the insert
-- a no-op (ON CONFLICT with the exclusion constraint as arbiter, after waiting for an in-flight
-- one to commit or roll back) and the next is tried; for a class session the seats are counted
-- under the same lock as the capacity trigger and a full session is skipped. When no candidate
-- takes it, SQLSTATE SW002 rolls everything back, the customer included.
--
-- p_booking is the row minus provider_id, customer_id and outside_availability, which depend
-- on who is chosen here. The event's and the outbox payloads' providerId, customerId,
-- outsideAvailability (when present) and customer actor id are filled in accordingly.
-- Returns the new booking joined with its service, provider and customer names: the columns the
-- bookings repository reads everywhere (server/src/adapters/prisma/repositories/bookings.ts).
CREATE FUNCTION "booking_create"(
  p_tenant uuid, p_booking jsonb, p_customer jsonb, p_candidates uuid[], p_free uuid[], p_capacity integer,
  p_answers jsonb, p_event jsonb, p_outbox jsonb)
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
  v_customer uuid;
  v_provider uuid;
  v_booking uuid;
  v_outside boolean;
  v_session text := p_booking->>'session_key';
  v_taken integer;
  v_fill jsonb;
BEGIN
  -- (customer_find_or_create sets app.tenant_id for the rest of this transaction.)
  v_customer := customer_find_or_create(p_tenant, p_customer->>'name', p_customer->>'email',
                                        p_customer->>'phone', p_customer->>'time_zone');
  FOREACH v_provider IN ARRAY p_candidates LOOP
    IF v_session IS NOT NULL THEN
      PERFORM booking_session_lock(p_tenant, v_provider, v_session);
      SELECT COALESCE(SUM(b.seats), 0) INTO v_taken FROM bookings b
       WHERE b.tenant_id = p_tenant AND b.provider_id = v_provider AND b.session_key = v_session
         AND b.status IN ('pending', 'confirmed', 'checked_in');
      CONTINUE WHEN v_taken + (p_booking->>'seats')::integer > p_capacity;
    END IF;
    v_outside := NOT (v_provider = ANY (p_free));
    INSERT INTO bookings (id, tenant_id, service_id, provider_id, customer_id, status, start_at, end_at,
      buffer_before_minutes, buffer_after_minutes, session_key, seats, confirmation_code, manage_token_hash,
      price_cents, currency, deposit_cents, customer_time_zone, customer_notes, staff_notes, source,
      outside_availability, updated_at)
    VALUES ((p_booking->>'id')::uuid, p_tenant, (p_booking->>'service_id')::uuid, v_provider, v_customer,
      (p_booking->>'status')::"BookingStatus", (p_booking->>'start_at')::timestamptz, (p_booking->>'end_at')::timestamptz,
      (p_booking->>'buffer_before_minutes')::integer, (p_booking->>'buffer_after_minutes')::integer, v_session,
      (p_booking->>'seats')::integer, p_booking->>'confirmation_code', p_booking->>'manage_token_hash',
      (p_booking->>'price_cents')::integer, p_booking->>'currency', (p_booking->>'deposit_cents')::integer,
      p_booking->>'customer_time_zone', p_booking->>'customer_notes', p_booking->>'staff_notes', p_booking->>'source',
      v_outside, now())
    ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING
    RETURNING id INTO v_booking;
    EXIT WHEN v_booking IS NOT NULL;
  END LOOP;
  IF v_booking IS NULL THEN
    RAISE EXCEPTION 'slot_unavailable: no candidate provider could take the slot' USING ERRCODE = 'SW002';
  END IF;

  v_fill := jsonb_build_object('providerId', v_provider, 'customerId', v_customer);
  INSERT INTO intake_answers (id, tenant_id, booking_id, field_id, key, label, value)
  SELECT gen_random_uuid(), p_tenant, v_booking, a.field_id, a.key, a.label, a.value
  FROM jsonb_to_recordset(p_answers) AS a(field_id uuid, key text, label text, value jsonb);
  INSERT INTO booking_events (id, tenant_id, booking_id, action, from_status, to_status, actor_type, actor_id, reason, data)
  VALUES (gen_random_uuid(), p_tenant, v_booking, p_event->>'action', (p_event->>'from_status')::"BookingStatus",
    (p_event->>'to_status')::"BookingStatus", p_event->>'actor_type',
    CASE WHEN p_event->>'actor_type' = 'customer' THEN v_customer::text ELSE p_event->>'actor_id' END,
    p_event->>'reason',
    CASE WHEN p_event->'data' ? 'outsideAvailability'
         THEN p_event->'data' || jsonb_build_object('outsideAvailability', v_outside)
         ELSE COALESCE(p_event->'data', '{}') END);
  INSERT INTO outbox_events (tenant_id, topic, payload)
  SELECT p_tenant, m.topic,
         m.payload || v_fill
           || CASE WHEN m.payload ? 'outsideAvailability' THEN jsonb_build_object('outsideAvailability', v_outside) ELSE '{}' END
           || CASE WHEN m.payload->'actor'->>'type' = 'customer'
                   THEN jsonb_build_object('actor', jsonb_build_object('type', 'customer', 'id', v_customer)) ELSE '{}' END
  FROM jsonb_to_recordset(p_outbox) AS m(topic text, payload jsonb);

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

-- The snapshot's statement is large, and its optional parameters (any provider or one, a booking
-- to leave out) make PostgreSQL's custom plans look cheaper than a generic one, so it would be
-- planned on every call: most of its cost. Its generic plan is the one wanted anyway: every
-- table is reached by tenant and provider through an index, whatever the parameters.
ALTER FUNCTION "availability_snapshot"(uuid, uuid, uuid, timestamptz, timestamptz, uuid, date, date, boolean)
  SET plan_cache_mode = force_generic_plan;
