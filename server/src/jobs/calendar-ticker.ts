import { everyInterval } from './recurring';
import type { Logger } from 'pino';
import type { CalendarService } from '../app/calendar';

/** Every minute: the calendar scheduler (polling fallback, channel renewals, lost booking writes). */
export function calendarTicker(deps: {
  calendar: Pick<CalendarService, 'tick'>;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 60_000;
  return everyInterval(interval, () => deps.calendar.tick(), deps.logger, 'calendar tick');
}
