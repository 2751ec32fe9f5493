import { calendarHref, manageHref } from './links';
import { useI18n } from '../shared/i18n';

/** What a calendar entry needs: a title, the times and a note with the manage link. */
export interface CalendarEvent {
  title: string;
  start: string;
  end: string;
  details: string;
  location?: string;
}

/** 20260310T090000Z, the compact UTC form Google's template link wants. */
const compactUtc = (iso: string) => new Date(iso).toISOString().replace(/[-:]|\.\d{3}/g, '');

export function googleCalendarHref(e: CalendarEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${compactUtc(e.start)}/${compactUtc(e.end)}`,
    details: e.details,
    ...(e.location ? { location: e.location } : {}),
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

export function outlookCalendarHref(e: CalendarEvent): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: new Date(e.start).toISOString(),
    enddt: new Date(e.end).toISOString(),
    body: e.details,
    ...(e.location ? { location: e.location } : {}),
  });
  return `https://outlook.live.com/calendar/0/action/compose?${q.toString()}`;
}

/**
 * Google Calendar and Outlook open a pre-filled event in a new tab; the .ics file suits Apple
 * Calendar and everything else (and carries the booking's UID, so re-adding updates it).
 */
export function AddToCalendar({
  event,
  icsHref,
  icsName,
}: {
  event: CalendarEvent;
  icsHref: string;
  icsName: string;
}) {
  const { t } = useI18n();
  const external = { target: '_blank', rel: 'noopener noreferrer' } as const;
  return (
    <div className="add-to-calendar" role="group" aria-label={t('done.addToCalendar')}>
      <span className="add-to-calendar__label" aria-hidden="true">
        {t('done.addToCalendar')}
      </span>
      <a className="btn btn--secondary btn--small" href={googleCalendarHref(event)} {...external}>
        {t('calendarLinks.google')}
      </a>
      <a className="btn btn--secondary btn--small" href={outlookCalendarHref(event)} {...external}>
        {t('calendarLinks.outlook')}
      </a>
      <a className="btn btn--secondary btn--small" href={icsHref} download={icsName}>
        {t('calendarLinks.ics')}
      </a>
    </div>
  );
}

/** The calendar links of a booking, from its manage token (confirmation and manage page). */
export function BookingCalendarLinks({
  booking,
  token,
  location,
}: {
  booking: {
    code: string;
    start: string;
    end: string;
    service: { name: string };
    provider: { name: string };
  };
  token: string;
  location?: string | null;
}) {
  const { t } = useI18n();
  return (
    <AddToCalendar
      event={{
        title: `${booking.service.name} · ${booking.provider.name}`,
        start: booking.start,
        end: booking.end,
        details: t('calendarLinks.details', { code: booking.code, link: manageHref(token) }),
        location: location ?? undefined,
      }}
      icsHref={calendarHref(token)}
      icsName={`booking-${booking.code}.ics`}
    />
  );
}
