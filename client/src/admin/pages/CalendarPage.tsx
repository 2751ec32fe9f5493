import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { errorCode } from '../../shared/api';
import { textOn } from '../../shared/colors';
import {
  addDays,
  formatLocalDate,
  formatTime,
  localDateOf,
  startOfWeek,
  todayIn,
  zonedParts,
  zonedTimeToInstant,
  type LocalDate,
} from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { BookingDialog, STATUS_LABEL } from '../BookingDialog';
import {
  adminKeys,
  collect,
  useProviderList,
  type AdminBooking,
  type CreatedBooking,
  type Provider,
} from '../data';
import { BookingCreatedNotice, NewBookingDialog } from '../NewBookingDialog';
import { apiMessage, PageHeader, useToast } from '../ui/kit';

const HOUR_PX = 56;
const SNAP_MIN = 15;
const PX_PER_MIN = HOUR_PX / 60;
const GUTTER_PX = 56;

type View = 'day' | 'week';
interface Column {
  date: LocalDate;
  provider: Provider;
}
interface Placed {
  booking: AdminBooking;
  col: number;
  startMin: number;
  durationMin: number;
}
interface Drag {
  id: string;
  pointerId: number;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  moved: boolean;
}

const minutesOfDay = (instant: string, zone: string) => {
  const p = zonedParts(instant, zone);
  return p.hour * 60 + p.minute;
};
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** "9:30" / "13:00" → "9:30" / "1:00": event labels are narrow, the period is obvious from the row. */
const clock = (m: number) => `${Math.floor(m / 60) % 12 || 12}:${String(m % 60).padStart(2, '0')}`;
const hourLabel = (h: number) => `${h % 12 || 12} ${h < 12 ? 'AM' : 'PM'}`;
const initials = (name: string) =>
  name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');

/**
 * Day and week views in the business's zone, one column per provider (per day in the week view).
 * Drag a booking to another time or provider to reschedule it; a conflict puts it back.
 */
export function CalendarPage() {
  const { session, me, can } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
  const [view, setView] = useState<View>(() =>
    window.matchMedia?.('(max-width: 720px)').matches ? 'day' : 'week',
  );
  const [anchor, setAnchor] = useState(() => todayIn(zone));
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedBooking | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const providers = useProviderList();
  const active = useMemo(
    () =>
      (providers.data ?? [])
        .filter((p) => p.active)
        .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
    [providers.data],
  );

  const days =
    view === 'day'
      ? [anchor]
      : Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(anchor), i));
  const from = days[0]!;
  const to = days[days.length - 1]!;
  const range = [
    zonedTimeToInstant(from, '00:00', zone).toISOString(),
    zonedTimeToInstant(addDays(to, 1), '00:00', zone).toISOString(),
  ] as const;
  const bookings = useQuery({
    queryKey: [...adminKeys.bookings, 'calendar', range[0], range[1]],
    queryFn: () =>
      collect(
        session.sdk.bookings.list({
          query: {
            from: range[0],
            to: range[1],
            status: 'pending,confirmed,checked_in,completed,no_show',
            limit: 200,
          },
        }),
      ),
  });

  const columns: Column[] = days.flatMap((date) => active.map((provider) => ({ date, provider })));
  const [moves, setMoves] = useState<Record<string, { col: number; startMin: number }>>({});
  const placed: Placed[] = [];
  for (const b of bookings.data ?? []) {
    const override = moves[b.id];
    const date = localDateOf(b.start, zone);
    const col =
      override?.col ?? columns.findIndex((c) => c.date === date && c.provider.id === b.provider.id);
    if (col < 0) continue;
    placed.push({
      booking: b,
      col,
      startMin: override?.startMin ?? minutesOfDay(b.start, zone),
      durationMin: Math.max(15, (Date.parse(b.end) - Date.parse(b.start)) / 60_000),
    });
  }
  const firstHour = Math.min(7, ...placed.map((p) => Math.floor(p.startMin / 60)));
  const lastHour = Math.max(20, ...placed.map((p) => Math.ceil((p.startMin + p.durationMin) / 60)));
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);

  const reschedule = useMutation({
    mutationFn: (v: { booking: AdminBooking; col: number; startMin: number }) => {
      const target = columns[v.col]!;
      return session.sdk.bookings.reschedule({
        params: { id: v.booking.id },
        body: {
          start: zonedTimeToInstant(target.date, hhmm(v.startMin), zone).toISOString(),
          ...(target.provider.id !== v.booking.provider.id
            ? { providerId: target.provider.id }
            : {}),
        },
      });
    },
    onSuccess: (b) =>
      notify(
        `Moved ${b.customer.name} to ${formatLocalDate(localDateOf(b.start, zone), 'en', 'short')} ${formatTime(b.start, zone, 'en')} with ${b.provider.name}`,
      ),
    onError: (err) => {
      const why =
        errorCode(err) === 'slot_unavailable' || errorCode(err) === 'conflict'
          ? `That time is taken: ${apiMessage(err)}`
          : `Could not move the booking: ${apiMessage(err)}`;
      notify(why, 'error');
    },
    onSettled: async (_d, _e, v) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
      setMoves(({ [v.booking.id]: _gone, ...rest }) => rest);
    },
  });

  // Dragging: pointer capture on the block, snapped to 15 minutes and to whole columns.
  const bodyRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const colWidth = () =>
    ((bodyRef.current?.getBoundingClientRect().width ?? 0) - GUTTER_PX) /
    Math.max(1, columns.length);
  const dropTarget = (p: Placed, d: Drag) => {
    const col = Math.min(columns.length - 1, Math.max(0, p.col + Math.round(d.dx / colWidth())));
    const delta = Math.round(d.dy / PX_PER_MIN / SNAP_MIN) * SNAP_MIN;
    const startMin = Math.min(24 * 60 - SNAP_MIN, Math.max(0, p.startMin + delta));
    return { col, startMin };
  };
  const onPointerDown = (e: ReactPointerEvent, p: Placed) => {
    if (
      e.button !== 0 ||
      !can('staff') ||
      !p.booking.allowedActions.includes('reschedule') ||
      reschedule.isPending
    )
      return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({
      id: p.booking.id,
      pointerId: e.pointerId,
      x0: e.clientX,
      y0: e.clientY,
      dx: 0,
      dy: 0,
      moved: false,
    });
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dx = e.clientX - drag.x0;
    const dy = e.clientY - drag.y0;
    setDrag({ ...drag, dx, dy, moved: drag.moved || Math.hypot(dx, dy) > 5 });
  };
  // A drag ends with a click event too; that one must not open the booking.
  const justDragged = useRef(false);
  const onPointerUp = (e: ReactPointerEvent, p: Placed) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (!drag.moved) return;
    justDragged.current = true;
    setTimeout(() => (justDragged.current = false), 0);
    const t = dropTarget(p, drag);
    if (t.col === p.col && t.startMin === p.startMin) return;
    setMoves((m) => ({ ...m, [p.booking.id]: t }));
    reschedule.mutate({ booking: p.booking, ...t });
  };

  const today = todayIn(zone);
  const nowMin = minutesOfDay(new Date().toISOString(), zone);
  const step = view === 'day' ? 1 : 7;
  const title =
    view === 'day'
      ? formatLocalDate(anchor, 'en', 'long')
      : `${formatLocalDate(from, 'en', 'short')} – ${formatLocalDate(to, 'en', 'short')}`;

  return (
    <>
      <PageHeader
        title="Calendar"
        description={`Times in ${zone}. Drag a booking to move it; click it for details.`}
        actions={
          can('staff') && (
            <button
              type="button"
              className="btn btn--primary"
              ref={newButton}
              onClick={() => setCreating(true)}
            >
              {view === 'day'
                ? `New booking on ${formatLocalDate(anchor, 'en', 'short')}`
                : 'New booking'}
            </button>
          )
        }
      />
      {created && (
        <BookingCreatedNotice
          booking={created}
          onDismiss={() => setCreated(null)}
          onOpen={(id) => setOpenId(id)}
        />
      )}
      <div className="cal-toolbar" role="toolbar" aria-label="Calendar navigation">
        <div className="segmented" role="group" aria-label="View">
          {(['day', 'week'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`segmented__btn${view === v ? ' segmented__btn--on' : ''}`}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === 'day' ? 'Day' : 'Week'}
            </button>
          ))}
        </div>
        <div className="cal-toolbar__nav">
          <button
            type="button"
            className="icon-btn"
            aria-label={view === 'day' ? 'Previous day' : 'Previous week'}
            onClick={() => setAnchor(addDays(anchor, -step))}
          >
            ‹
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setAnchor(today)}
          >
            Today
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={view === 'day' ? 'Next day' : 'Next week'}
            onClick={() => setAnchor(addDays(anchor, step))}
          >
            ›
          </button>
          <input
            type="date"
            className="input input--date"
            aria-label="Go to date"
            value={anchor}
            onChange={(e) => e.target.value && setAnchor(e.target.value)}
          />
        </div>
        <h2 className="cal-toolbar__title" aria-live="polite">
          {title}
        </h2>
      </div>

      {providers.isPending || bookings.isPending ? (
        <Loading label="Loading calendar…" />
      ) : providers.isError || bookings.isError ? (
        <ErrorState
          title="Could not load the calendar"
          onRetry={() => (providers.refetch(), bookings.refetch())}
        />
      ) : active.length === 0 ? (
        <Empty title="No staff to show">
          <p>Add staff under Staff &amp; hours to see their columns here.</p>
        </Empty>
      ) : (
        <div className="cal-scroll">
          <div
            className="cal"
            style={{
              minWidth:
                GUTTER_PX +
                columns.length * (view === 'day' ? 160 : Math.max(44, 120 / active.length)),
            }}
            ref={bodyRef}
          >
            <div
              className="cal__head"
              style={{ gridTemplateColumns: `${GUTTER_PX}px repeat(${columns.length}, 1fr)` }}
            >
              <div className="cal__corner" />
              {view === 'week' &&
                days.map((d) => (
                  <div
                    key={d}
                    className={`cal__day${d === today ? ' cal__day--today' : ''}`}
                    style={{ gridColumn: `span ${active.length}` }}
                  >
                    <button
                      type="button"
                      className="link-btn"
                      onClick={() => (setAnchor(d), setView('day'))}
                    >
                      {formatLocalDate(d, 'en', 'short')}
                    </button>
                  </div>
                ))}
              {view === 'week' && <div className="cal__corner" />}
              {columns.map((c, i) => (
                <div key={i} className="cal__provider" title={c.provider.name}>
                  {view === 'week' && active.length > 1 ? (
                    <>
                      <span
                        className="lane-pill"
                        style={{
                          background: c.provider.color ?? '#6b7280',
                          color: textOn(c.provider.color ?? '#6b7280'),
                        }}
                        aria-hidden="true"
                      >
                        {initials(c.provider.name)}
                      </span>
                      <span className="sr-only">{c.provider.name}</span>
                    </>
                  ) : (
                    <>
                      <span
                        className="dot"
                        style={{ background: c.provider.color ?? '#9ca3af' }}
                        aria-hidden="true"
                      />
                      <span className="cal__provider-name">{c.provider.name}</span>
                    </>
                  )}
                </div>
              ))}
            </div>
            <div
              className="cal__body"
              style={{
                gridTemplateColumns: `${GUTTER_PX}px repeat(${columns.length}, 1fr)`,
                height: hours.length * HOUR_PX,
              }}
            >
              <div className="cal__gutter">
                {hours.map((h) => (
                  <div key={h} className="cal__hour" style={{ height: HOUR_PX }}>
                    {hourLabel(h)}
                  </div>
                ))}
              </div>
              {columns.map((c, i) => (
                <div
                  key={i}
                  className={`cal__col${c.date === today ? ' cal__col--today' : ''}${i % active.length === 0 ? ' cal__col--daystart' : ''}`}
                  data-date={c.date}
                  data-provider={c.provider.name}
                >
                  {c.date === today && nowMin >= firstHour * 60 && nowMin <= lastHour * 60 && (
                    <div
                      className="cal__now"
                      style={{ top: (nowMin - firstHour * 60) * PX_PER_MIN }}
                      aria-hidden="true"
                    />
                  )}
                </div>
              ))}
              {placed.map((p) => {
                const b = p.booking;
                const d = drag?.id === b.id && drag.moved ? drag : null;
                const where = d ? dropTarget(p, d) : { col: p.col, startMin: p.startMin };
                const color = columns[p.col]!.provider.color ?? '#4f46e5';
                const label = `${formatTime(b.start, zone, 'en')} ${b.customer.name}, ${b.service.name} with ${b.provider.name} (${STATUS_LABEL[b.status]})`;
                return (
                  <button
                    key={b.id}
                    type="button"
                    className={`event event--${b.status}${d ? ' event--dragging' : ''}${moves[b.id] ? ' event--saving' : ''}`}
                    style={{
                      top: (where.startMin - firstHour * 60) * PX_PER_MIN,
                      height: p.durationMin * PX_PER_MIN - 2,
                      left: `calc(${GUTTER_PX}px + (100% - ${GUTTER_PX}px) * ${where.col} / ${columns.length} + 2px)`,
                      width: `calc((100% - ${GUTTER_PX}px) / ${columns.length} - 4px)`,
                      background: color,
                      color: textOn(color),
                    }}
                    aria-label={label}
                    data-booking={b.code}
                    onPointerDown={(e) => onPointerDown(e, p)}
                    onPointerMove={onPointerMove}
                    onPointerUp={(e) => onPointerUp(e, p)}
                    onPointerCancel={() => setDrag(null)}
                    onClick={() => !justDragged.current && setOpenId(b.id)}
                  >
                    <span className="event__time">{clock(where.startMin)}</span>
                    <span className="event__title">{b.customer.name}</span>
                    <span className="event__meta">{b.service.name}</span>
                  </button>
                );
              })}
            </div>
          </div>
        </div>
      )}
      {openId && <BookingDialog id={openId} onClose={() => setOpenId(null)} />}
      {creating && (
        <NewBookingDialog
          initialDate={anchor}
          onClose={() => {
            setCreating(false);
            // Back to the opener once the modal (which makes the page inert) is gone.
            requestAnimationFrame(() => newButton.current?.focus());
          }}
          onCreated={(b) => {
            setCreating(false);
            setCreated(b);
            // Show the day it landed on, so the new booking is in view.
            setAnchor(localDateOf(b.start, zone));
          }}
        />
      )}
    </>
  );
}
