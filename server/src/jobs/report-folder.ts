import type { Logger } from 'pino';
import { foldReports } from '../app/reports/fold';
import type { ReportBacklog, UnitOfWork } from '../ports/repositories';

/**
 * Every few seconds, folds the booking creates queued for the report roll-ups (ADR 0022). Every
 * process that runs jobs runs it; concurrent folders skip each other's rows.
 */
export function reportFolder(deps: {
  uow: UnitOfWork;
  backlog: ReportBacklog;
  logger: Logger;
  intervalMs?: number;
}) {
  const interval = deps.intervalMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    // A fold that lost a deadlock or a connection rolled back whole: its rows wait for the next.
    running = foldReports(deps).catch((err) => deps.logger.warn({ err }, 'report fold failed'));
    await running;
    if (!stopped) {
      timer = setTimeout(loop, interval);
      timer.unref();
    }
  };
  return {
    foldOnce: () => foldReports(deps),
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
