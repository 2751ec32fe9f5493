-- The slot engine's input for one service and window, as one JSON document (see
-- server/src/adapters/prisma/repositories/availability.ts for its shape and why it is built so),
-- in one statement, so one consistent snapshot. With p_for_booking (booking creation) it adds
-- what the booking decisions need: the intake questions, the customers matching p_email or
-- p_phone, and the schedule versions the write re-checks (docs/decisions/0007).
-- With p_public (the public slot search only) it also returns the tenant's data version, sends
-- instants relative to the window and, for appointments, bookings as occupied ranges (ADR 0023).
-- Team services (docs/decisions/0018): every provider of the service whatever p_provider (the
-- engine narrows the pool), the bookings each provider attends as a host, and the service's
-- resources with their allocations near the window. Providers and resources carry their location
-- (ADR 0019): the engine never combines a provider with a resource elsewhere.
--
-- It sets app.tenant_id for its own transaction, so row-level security applies to every
-- statement in it; SECURITY INVOKER, so it allows nothing set_config and plain statements would not.
CREATE OR REPLACE FUNCTION "availability_snapshot"(
  p_tenant uuid, p_service uuid, p_provider uuid, p_from timestamptz, p_to timestamptz,
  p_exclude_booking uuid, p_from_date date, p_to_date date, p_for_booking boolean,
  p_email text, p_phone text, p_public boolean DEFAULT false, p_part text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql
-- Its generic plan is the one wanted (every table is reached by tenant and provider through an
-- index, whatever the parameters), and its optional parameters would otherwise make PostgreSQL
-- plan it on every call: that was most of its cost.
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- The window widened by the service's buffers, and the service's providers, as plain values
  -- rather than columns of the query: under row-level security (the app role) the planner did
  -- not use bounds computed inside the query, or the per-provider join, as index conditions,
  -- and read every booking of the tenant per call (40 ms instead of 1 ms at 20k bookings), or
  -- the window's bookings of every provider once per provider (providers × bookings).
  v_lo timestamptz;
  v_hi timestamptz;
  v_providers uuid[];
  -- The tenant's services by position ({"<id>": index}): each booking names its service by
  -- index. A lookup per row costs the same whatever the plan; a join to the services (estimated
  -- at a few rows each side in the generic plan) became a nested loop over a materialised copy
  -- of the window's bookings, and the rank it replaced sorted them all (spilling at ~48k rows).
  v_services jsonb;
  -- Its keys in that order: the document's 'services'.
  v_service_ids uuid[];
  -- p_public (the public slot search, nothing else) of an appointment (capacity 1, one provider,
  -- no resources): every booking just blocks its provider over its occupied range, whatever its
  -- service, seats or buffers, so only (provider, occupied start, occupied end) is sent: three
  -- columns instead of seven and no service lookup per row, what most of a miss's bookings cost
  -- here and in the parse. Other callers (booking, rescheduling: provider assignment reads each
  -- booking's start), classes and team services get every column (seats, sessions).
  v_compact boolean;
  -- The scan's bounds, computed once: as expressions they were interval arithmetic per row in
  -- the filters (the start_at ones are not index conditions).
  v_scan_lo timestamptz;
  v_start_hi timestamptz;
  -- p_public: bookings' and busy times' instants are sent as ms from this base (the window's
  -- start, epoch ms): ten digits instead of thirteen, a fifth of the document's text to print and
  -- to parse. 0 for the other callers, so an older release calling with 11 arguments (during a
  -- rolling deploy) reads the document it knows.
  v_base float8;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  -- v_providers: a superset of prov's providers (the join to prov below keeps the exact ones);
  -- a team service needs them all whatever p_provider. (One statement, not one per value: each
  -- statement costs its own set-up.)
  SELECT p_from - make_interval(mins => s.buffer_before_minutes),
         p_to + make_interval(mins => s.duration_minutes + s.buffer_after_minutes),
         p_public AND NOT p_for_booking AND s.participant_mode = 'single' AND s.capacity <= 1
           AND NOT EXISTS (SELECT 1 FROM service_resources sr WHERE sr.tenant_id = p_tenant AND sr.service_id = p_service),
         ps.ids
    INTO v_lo, v_hi, v_compact, v_providers
    FROM services s
    CROSS JOIN LATERAL (
      SELECT array_agg(ps.provider_id) AS ids FROM provider_services ps
       WHERE ps.tenant_id = p_tenant AND ps.service_id = p_service
         AND (p_provider IS NULL OR ps.provider_id = p_provider OR s.participant_mode <> 'single')) ps
   WHERE s.tenant_id = p_tenant AND s.id = p_service;
  IF NOT v_compact THEN
    SELECT jsonb_object_agg(id, n - 1), array_agg(id ORDER BY n) INTO v_services, v_service_ids
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM services WHERE tenant_id = p_tenant) s;
  END IF;
  v_scan_lo := v_lo - interval '3 days';
  v_start_hi := v_hi + interval '1 day';
  v_base := CASE WHEN p_public THEN COALESCE(round(date_part('epoch', v_lo) * 1000), 0) ELSE 0 END;
  IF p_part = 'occupied' THEN
    IF NOT v_compact THEN
      RETURN NULL; -- not split: the 'schedule' half is the whole document
    END IF;
    -- p_part (ADR 0024): a compact public read is two statements the app runs at once on two
    -- connections, 'schedule' (the document below with the bookings of the first fifth of the
    -- providers) and 'occupied' (this one: the providers, the bookings of the others and the
    -- version; a statement of its own, since every part of a statement costs its executor set-up
    -- whether it runs or not). The fifth evens the halves out: the schedule's rules, overrides
    -- and busy time cost about what a third of the bookings do. A provider outside a half is a
    -- NULL in the list availability_snapshot_occupied is given (it keeps every position). The
    -- app joins the halves only when both carry the same data version and providers (the same
    -- committed state); NULL is the whole document in one statement, as every other caller reads it.
    RETURN (
      WITH prov AS (SELECT * FROM availability_snapshot_providers(p_tenant, p_service, p_provider))
      SELECT json_build_object(
        'base', v_base,
        'providers', COALESCE((SELECT json_agg(json_build_array(prov.id) ORDER BY prov.idx) FROM prov), '[]'),
        'bookings', availability_snapshot_occupied(p_tenant,
          (SELECT array_agg(CASE WHEN prov.idx >= (SELECT count(*) / 5 FROM prov) THEN prov.id END ORDER BY prov.idx) FROM prov),
          v_lo, v_hi, v_scan_lo, v_start_hi, v_base, p_exclude_booking),
        'version', (SELECT COALESCE(sum(v.version), 0)::text FROM availability_versions v WHERE v.tenant_id = p_tenant)
      )::text);
  END IF;
  RETURN (
    WITH svc AS (
      SELECT id, name, description, category, duration_minutes, buffer_before_minutes, buffer_after_minutes,
             price_cents, currency, deposit_type, deposit_value, capacity, min_notice_minutes, max_advance_days,
             slot_interval_minutes, requires_approval, active, sort_order, created_at, updated_at, payment_policy,
             slot_placement, booking_limits, participant_mode, host_provider_ids
      FROM services
      WHERE tenant_id = p_tenant AND id = p_service AND deleted_at IS NULL
    ),
    prov AS (
      SELECT * FROM availability_snapshot_providers(p_tenant, p_service, p_provider)
    ),
    -- Every column of the window's bookings (the compact read is availability_snapshot_occupied),
    -- and the bookings the providers attend as hosts of team services.
    bk AS (
      SELECT prov.idx, (v_services ->> b.service_id::text)::int AS sidx,
             round(date_part('epoch', b.start_at) * 1000) - v_base AS start_ms,
             round(date_part('epoch', b.end_at) * 1000) - v_base AS end_ms, b.bb, b.ba, b.seats
      FROM (
        -- Provider by provider (availability_provider_bookings.sql).
        SELECT u.pid, b.service_id, b.start_at, b.end_at, b.bb, b.ba, b.seats
        FROM unnest(v_providers) AS u(pid)
        CROSS JOIN LATERAL availability_provider_bookings(
          p_tenant, u.pid, v_lo, v_hi, v_scan_lo, v_start_hi, p_exclude_booking) b
        UNION ALL
        SELECT h.provider_id, h.service_id, h.start_at, h.end_at, h.bb, h.ba, h.seats
        FROM availability_host_bookings(p_tenant, v_providers, v_lo, v_hi, v_scan_lo, p_exclude_booking) h
      ) b
      JOIN prov ON prov.id = b.pid
    )
    SELECT json_build_object(
      'tz', (SELECT time_zone FROM tenants WHERE id = p_tenant),
      -- Add to every instant of 'bookings' and 'busy' (exact: integers far below 2^53).
      'base', v_base,
      'service', (SELECT row_to_json(svc) FROM svc),
      'providers', COALESCE((SELECT json_agg(json_build_array(id, time_zone, sort_order, booking_limits, host, location_id) ORDER BY idx) FROM prov), '[]'),
      -- The 'team' and 'loads' parts are functions of their own (availability_snapshot_team.sql,
      -- availability_snapshot_loads.sql), called only when the service has them (decided here,
      -- in this statement's snapshot, which they read in too): team services and services with
      -- resources; a count limit of the service or of a provider. Absent otherwise.
      'team', (
        SELECT CASE WHEN svc.participant_mode <> 'single'
                      OR EXISTS (SELECT 1 FROM service_resources sr WHERE sr.tenant_id = p_tenant AND sr.service_id = p_service)
          THEN availability_snapshot_team(p_tenant, p_service, v_lo, v_hi, v_scan_lo, p_exclude_booking) END
        FROM svc),
      'loads', (
        SELECT CASE WHEN bool_or(prov.booking_limits ?| ARRAY['bookingsPerDay', 'bookingsPerWeek', 'minutesPerDay', 'minutesPerWeek'])
                      OR (SELECT svc.booking_limits ?| ARRAY['bookingsPerDay', 'bookingsPerWeek', 'minutesPerDay', 'minutesPerWeek'] FROM svc)
          THEN availability_snapshot_loads(p_tenant, p_service, p_from, p_to, p_exclude_booking, array_agg(prov.id ORDER BY prov.idx)) END
        FROM prov),
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
      -- No row, so null, when there are no bookings. Compact (v_compact, "occupied": true): each
      -- booking's occupied range in ms from the base (availability_snapshot_occupied.sql); the
      -- 'schedule' half of a split read has only the first fifth of the providers' and says so.
      -- Otherwise every column, services by position (v_services; bk is read once: a second
      -- reference would materialise it).
      'split', CASE WHEN p_part = 'schedule' AND v_compact THEN true END,
      'bookings', CASE WHEN v_compact THEN
        availability_snapshot_occupied(p_tenant,
          (SELECT array_agg(CASE WHEN p_part IS NULL OR prov.idx < (SELECT count(*) / 5 FROM prov) THEN prov.id END
                            ORDER BY prov.idx) FROM prov),
          v_lo, v_hi, v_scan_lo, v_start_hi, v_base, p_exclude_booking)
      ELSE (
        SELECT json_build_object(
          'occupied', false,
          'services', v_service_ids,
          'provider', array_agg(bk.idx),
          'service', array_agg(bk.sidx),
          'start', array_agg(bk.start_ms),
          'end', array_agg(bk.end_ms),
          'before', array_agg(bk.bb),
          'after', array_agg(bk.ba),
          'seats', array_agg(bk.seats))
        FROM bk HAVING count(*) > 0) END,
      'busy', (
        SELECT json_build_object(
          'provider', COALESCE(array_agg(prov.idx), '{}'),
          'start', COALESCE(array_agg((round(date_part('epoch', x.start_at) * 1000) - v_base)::bigint), '{}'),
          'end', COALESCE(array_agg((round(date_part('epoch', x.end_at) * 1000) - v_base)::bigint), '{}'))
        FROM prov
        JOIN external_busy x ON x.tenant_id = p_tenant AND x.provider_id = prov.id
        WHERE x.provider_id = ANY (v_providers) AND x.end_at > v_lo AND x.start_at < v_hi),
      -- Public reads: the tenant's data version (availability_versions, what the slot cache is
      -- validated by), read in this statement, so from the same snapshot as every row above: the
      -- answer computed from this document is exactly the one this version stands for, and a miss
      -- needs no version query of its own (server/src/app/availability/public-availability.ts).
      'version', CASE WHEN p_public THEN (
        SELECT COALESCE(sum(v.version), 0)::text FROM availability_versions v WHERE v.tenant_id = p_tenant) END,
      -- Only when booking: the form's intake questions, the customers the identity matches
      -- (the app picks one: domain/booking/customer-match.ts), and per provider the schedule
      -- version this document was read at (tenant + service + provider counters of
      -- schedule_versions), which booking_create compares before it writes.
      'intake', CASE WHEN p_for_booking THEN COALESCE((
        SELECT json_agg(json_build_object('id', f.id, 'key', f.key, 'label', f.label, 'type', f.type,
                                          'required', f.required, 'options', f.options)
                        ORDER BY f.sort_order, f.created_at, f.id)
        FROM intake_fields f
        WHERE f.tenant_id = p_tenant AND (f.service_id = p_service OR f.service_id IS NULL)), '[]') END,
      'customers', CASE WHEN p_for_booking THEN COALESCE((
        SELECT json_agg(json_build_array(c.id, c.email, c.phone))
        FROM customers c
        WHERE c.tenant_id = p_tenant AND (c.email = p_email OR c.phone = p_phone)), '[]') END,
      -- Only when booking: what the decisions take from the business (the confirmation mode in
      -- its settings, its language) and its slug, from this statement's snapshot like the rest: a
      -- public booking that resolved the business from a cached slug checks here that the slug
      -- still names it (server/src/app/bookings/public-tenants.ts).
      'tenant', CASE WHEN p_for_booking THEN (
        SELECT json_build_array(t.slug, t.locale, t.settings::text) FROM tenants t WHERE t.id = p_tenant) END,
      'versions', CASE WHEN p_for_booking THEN COALESCE((
        SELECT json_agg((
          SELECT COALESCE(sum(v.version), 0) FROM schedule_versions v
          WHERE v.tenant_id = p_tenant AND v.scope IN (p_tenant, p_service, prov.id)) ORDER BY prov.idx)
        FROM prov), '[]') END,
      -- Team bookings also re-check their hosts' and resources' scopes: the app adds a host's
      -- version minus this base (the tenant's and the service's counters) to the primary's.
      'base_version', CASE WHEN p_for_booking THEN (
        SELECT COALESCE(sum(v.version), 0) FROM schedule_versions v
        WHERE v.tenant_id = p_tenant AND v.scope IN (p_tenant, p_service)) END,
      'resource_version', CASE WHEN p_for_booking THEN (
        SELECT COALESCE(sum(v.version), 0) FROM schedule_versions v
        WHERE v.tenant_id = p_tenant AND v.scope IN (
          SELECT sr.resource_id FROM service_resources sr WHERE sr.tenant_id = p_tenant AND sr.service_id = p_service)) END
    )::text
  );
END $$;
