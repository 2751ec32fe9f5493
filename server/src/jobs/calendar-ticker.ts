import type { Logger } from 'pino';
import type { CalendarService } from '../app/calendar';

/** Every minute: the calendar scheduler (polling fallback, channel renewals, lost booking writes). */
export function calendarTicker(deps: {
  calendar: Pick<CalendarService, 'tick'>;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    running = deps.calendar
      .tick()
      .catch((err) => deps.logger.warn({ err }, 'calendar tick failed'));
    await running;
    if (!stopped) {
      timer = setTimeout(loop, interval);
      timer.unref();
    }
  };
  return {
    start() {
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
