import { everyInterval } from './recurring';
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
  return {
    foldOnce: () => foldReports(deps),
    // A fold that lost a deadlock or a connection rolled back whole: its rows wait for the next.
    ...everyInterval(interval, () => foldReports(deps), deps.logger, 'report fold'),
  };
}
