'use strict';

/**
 * Artillery processor for the Slotwise scenarios (CommonJS: artillery require()s it).
 *
 * Shapes follow packages/contracts/src/routes:
 *   GET  /v1/public/tenants/:slug               -> { slug, name, timeZone, ... }
 *   GET  /v1/public/tenants/:slug/services      -> { items: [{ id, name, providerIds, ... }], nextCursor }
 *   GET  /v1/public/tenants/:slug/availability  -> { serviceId, timeZone, days: [{ date, slots: [{ start, end, localTime, providerIds, seatsLeft }] }] }
 *   POST /v1/public/tenants/:slug/bookings      -> 201 { ...booking, manageToken, manageUrl } | 409 { error: { code: 'slot_unavailable' } }
 *   GET  /v1/public/bookings/:token             -> { booking, tenant, policy, cancellation, reschedule }
 *
 * Custom counters (shown in artillery's summary, usable in `ensure`):
 *   slotwise.bookings.created       201 from POST bookings
 *   slotwise.bookings.slot_taken    409 from POST bookings (lost a race for the slot: expected)
 *   slotwise.bookings.no_slot       no free slot in the window: booking skipped (booking journey)
 *   slotwise.manage.viewed          200 from the manage view
 *   slotwise.slots.seen             slots returned by availability requests
 *   slotwise.availability.empty_windows  availability windows without any slot (browsing)
 *   slotwise.http.5xx               server errors (any request)
 *   slotwise.http.unexpected        any other status the scenario did not expect
 */

const DAY_MS = 86_400_000;

function num(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

function randomInt(min, max) {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function parseBody(res) {
  const body = res && res.body;
  if (body && typeof body === 'object') return body;
  if (typeof body !== 'string' || body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Today's date (YYYY-MM-DD) in `timeZone`, falling back to UTC for an unknown zone. */
function todayIn(timeZone) {
  try {
    // en-CA formats dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Statuses each request may answer with, by the `name` given to the request in the scenario.
 * Anything else fails the virtual user (and so the `vusers.failed == 0` check).
 */
const EXPECTED = {
  book: [201, 409],
};

function isExpected(name, status) {
  const allowed = EXPECTED[name];
  return allowed ? allowed.includes(status) : status >= 200 && status < 300;
}

/** Scenario-level afterResponse hook: counts and fails on server errors and surprises. */
function checkStatus(req, res, context, events, done) {
  const status = res.statusCode;
  if (status >= 500) events.emit('counter', 'slotwise.http.5xx', 1);
  if (isExpected(req.name, status)) return done();
  events.emit('counter', 'slotwise.http.unexpected', 1);
  const body = parseBody(res);
  const code = body && body.error && body.error.code ? ` ${body.error.code}` : '';
  const hint =
    status === 429
      ? ' (rate limited: start the server with RATE_LIMITS_ENABLED=false or higher RATE_LIMIT_*_PER_MINUTE)'
      : '';
  return done(new Error(`${req.method} ${req.name || req.url}: HTTP ${status}${code}${hint}`));
}

/** First step of every virtual user: who they are and which dates they look at. */
function setupVisitor(context, events, done) {
  const vars = context.vars;
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  vars.customerName = `Load Test ${id}`;
  vars.customerEmail = `load+${id}@example.test`;
  // Zero-valued counters make `slotwise.http.5xx == 0` checkable when nothing failed.
  events.emit('counter', 'slotwise.http.5xx', 0);
  return done();
}

/** afterResponse of GET tenant: remember the business zone, to pick dates in it. */
function rememberTenant(req, res, context, events, done) {
  const body = parseBody(res);
  if (body && typeof body.timeZone === 'string') context.vars.tenantTimeZone = body.timeZone;
  return done();
}

/** afterResponse of GET services: pick a service that someone can perform. */
function pickService(req, res, context, events, done) {
  const body = parseBody(res);
  const items = body && Array.isArray(body.items) ? body.items : [];
  const bookable = items.filter((s) => Array.isArray(s.providerIds) && s.providerIds.length > 0);
  if (bookable.length === 0) {
    return done(new Error('GET services: the tenant has no service with a provider'));
  }
  const service = pick(bookable);
  context.vars.serviceIds = bookable.map((s) => s.id);
  context.vars.serviceId = service.id;
  return done();
}

/**
 * Function step: a window of `windowDays` dates starting 1..`horizonDays` days after today (in
 * the business's zone). Spreading windows over the horizon keeps repeated runs from filling the
 * same few days.
 */
function pickDates(context, events, done) {
  const vars = context.vars;
  const horizon = num(vars.horizonDays, 30);
  const windowDays = Math.min(num(vars.windowDays, 3), 62);
  const offset = randomInt(1, horizon);
  vars.from = addDays(todayIn(vars.tenantTimeZone || 'UTC'), offset);
  vars.to = addDays(vars.from, windowDays - 1);
  return done();
}

/**
 * Function step of the browsing scenario: a random service and a random window of 1..`maxWindowDays`
 * dates starting 0..`horizonDays` days from today, like a visitor paging through the calendar.
 */
function pickBrowseWindow(context, events, done) {
  const vars = context.vars;
  const ids = Array.isArray(vars.serviceIds) ? vars.serviceIds : [];
  if (ids.length > 0) vars.serviceId = pick(ids);
  const horizon = num(vars.horizonDays, 30);
  const windowDays = randomInt(1, Math.min(num(vars.maxWindowDays, 7), 62));
  vars.from = addDays(todayIn(vars.tenantTimeZone || 'UTC'), randomInt(0, horizon));
  vars.to = addDays(vars.from, windowDays - 1);
  return done();
}

function slotsOf(res) {
  const body = parseBody(res);
  const days = body && Array.isArray(body.days) ? body.days : [];
  const slots = [];
  for (const day of days) for (const slot of day.slots || []) slots.push(slot);
  return slots;
}

/** afterResponse of GET availability (booking journey): choose a random free slot, or none. */
function pickSlot(req, res, context, events, done) {
  const slots = slotsOf(res);
  events.emit('counter', 'slotwise.slots.seen', slots.length);
  context.vars.slotStart = slots.length > 0 ? pick(slots).start : '';
  if (res.statusCode === 200 && slots.length === 0) {
    events.emit('counter', 'slotwise.bookings.no_slot', 1);
  }
  return done();
}

/** afterResponse of GET availability (browsing): count what was offered. */
function countSlots(req, res, context, events, done) {
  const slots = slotsOf(res);
  events.emit('counter', 'slotwise.slots.seen', slots.length);
  if (res.statusCode === 200 && slots.length === 0) {
    events.emit('counter', 'slotwise.availability.empty_windows', 1);
  }
  return done();
}

/** afterResponse of POST booking: keep the manage token of a 201, count a 409. */
function recordBooking(req, res, context, events, done) {
  const vars = context.vars;
  vars.manageToken = '';
  const body = parseBody(res);
  if (res.statusCode === 201 && body && typeof body.manageToken === 'string') {
    vars.manageToken = body.manageToken;
    events.emit('counter', 'slotwise.bookings.created', 1);
  } else if (res.statusCode === 409) {
    const code = body && body.error ? body.error.code : 'unknown';
    events.emit(
      'counter',
      `slotwise.bookings.${code === 'slot_unavailable' ? 'slot_taken' : `conflict_${code}`}`,
      1,
    );
  }
  return done();
}

function recordManageView(req, res, context, events, done) {
  if (res.statusCode === 200) events.emit('counter', 'slotwise.manage.viewed', 1);
  return done();
}

/** ifTrue conditions (artillery calls a processor function of that name with context.vars). */
function hasSlot(vars) {
  return Boolean(vars.slotStart);
}

function hasManageToken(vars) {
  return Boolean(vars.manageToken);
}

module.exports = {
  checkStatus,
  setupVisitor,
  rememberTenant,
  pickService,
  pickDates,
  pickBrowseWindow,
  pickSlot,
  countSlots,
  recordBooking,
  recordManageView,
  hasSlot,
  hasManageToken,
};
