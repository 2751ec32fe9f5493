import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { errorCode } from '../../shared/api';
import { textOn } from '../../shared/colors';
import { useI18n } from '../../shared/i18n';
import {
  addDays,
  formatTime,
  localDateOf,
  startOfWeek,
  todayIn,
  zonedTimeToInstant,
} from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { BookingDialog, statusKey } from '../BookingDialog';
import { dayLabel } from '../dates';
import {
  adminKeys,
  collect,
  useProviderList,
  type AdminBooking,
  type CreatedBooking,
} from '../data';
import { BookingCreatedNotice, NewBookingDialog } from '../NewBookingDialog';
import { apiMessage, PageHeader, useToast } from '../ui/kit';
import {
  HOUR_PX,
  PX_PER_MIN,
  GUTTER_PX,
  type View,
  type Column,
  minutesOfDay,
  placeBookings,
  hhmm,
  clock,
  hourLabel,
  initials,
} from './calendar/geometry';
import { CalendarToolbar } from './calendar/CalendarToolbar';
import { useBookingDrag } from './calendar/use-booking-drag';

/**
 * Day and week views in the business's zone, one column per provider (per day in the week view).
 * Drag a booking to another time or provider to reschedule it; a conflict puts it back.
 */
export function CalendarPage() {
  const { session, me, can } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
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
            status: ['pending', 'confirmed', 'checked_in', 'completed', 'no_show'],
            limit: 200,
          },
        }),
      ),
  });

  const columns: Column[] = days.flatMap((date) => active.map((provider) => ({ date, provider })));
  const [moves, setMoves] = useState<Record<string, { col: number; startMin: number }>>({});
  const placed = placeBookings(bookings.data ?? [], columns, moves, zone);
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
        t('admin.calendar.moved', {
          customer: b.customer.name,
          date: dayLabel(localDateOf(b.start, zone), locale),
          time: formatTime(b.start, zone, locale),
          provider: b.provider.name,
        }),
      ),
    onError: (err) => {
      const why =
        errorCode(err) === 'slot_unavailable' || errorCode(err) === 'conflict'
          ? t('admin.calendar.taken', { error: apiMessage(err) })
          : t('admin.calendar.moveFailed', { error: apiMessage(err) });
      notify(why, 'error');
    },
    onSettled: async (_d, _e, v) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.bookings });
      setMoves(({ [v.booking.id]: _gone, ...rest }) => rest);
    },
  });

  const bodyRef = useRef<HTMLDivElement>(null);
  const {
    drag,
    dropTarget,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    justDragged,
  } = useBookingDrag({
    bodyRef,
    columns,
    enabled: (p) =>
      can('staff') && p.booking.allowedActions.includes('reschedule') && !reschedule.isPending,
    onDrop: (p, t) => {
      setMoves((m) => ({ ...m, [p.booking.id]: t }));
      reschedule.mutate({ booking: p.booking, ...t });
    },
  });

  const today = todayIn(zone);
  const nowMin = minutesOfDay(new Date().toISOString(), zone);
  return (
    <>
      <PageHeader
        title={t('admin.calendar.title')}
        description={t('admin.calendar.description', { zone })}
        actions={
          can('staff') && (
            <button
              type="button"
              className="btn btn--primary"
              ref={newButton}
              onClick={() => setCreating(true)}
            >
              {view === 'day'
                ? t('admin.calendar.newOn', { date: dayLabel(anchor, locale) })
                : t('admin.calendar.new')}
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
      <CalendarToolbar
        view={view}
        anchor={anchor}
        days={days}
        today={today}
        onView={setView}
        onAnchor={setAnchor}
      />

      {providers.isPending || bookings.isPending ? (
        <Loading label={t('admin.calendar.loading')} />
      ) : providers.isError || bookings.isError ? (
        <ErrorState
          title={t('admin.calendar.loadError')}
          retryLabel={t('admin.common.tryAgain')}
          onRetry={() => (providers.refetch(), bookings.refetch())}
        />
      ) : active.length === 0 ? (
        <Empty title={t('admin.calendar.noStaff')}>
          <p>{t('admin.calendar.noStaffHint')}</p>
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
                      {dayLabel(d, locale)}
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
                    {hourLabel(h, locale)}
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
                const label = t('admin.calendar.event', {
                  time: formatTime(b.start, zone, locale),
                  customer: b.customer.name,
                  service: b.service.name,
                  provider: b.provider.name,
                  status: t(statusKey(b.status)),
                });
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
                    onPointerCancel={onPointerCancel}
                    onClick={() => !justDragged.current && setOpenId(b.id)}
                  >
                    {/* Spaced so the visible words read as the start of the label (the grid
                        lays the spans out on lines; the spaces only matter to assistive tech). */}
                    <span className="event__time">{clock(where.startMin, locale)}</span>{' '}
                    <span className="event__title">{b.customer.name}</span>{' '}
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
