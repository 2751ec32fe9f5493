import type { Logger } from 'pino';

/**
 * Last line of defence: an error no handler caught is logged, and the process keeps serving.
 *
 * Node's default is to exit on an unhandled rejection or an uncaught exception. For this server
 * that would turn one hostile request into an outage for every tenant: all the state a request
 * touches lives in PostgreSQL transactions (rolled back with their connection) or in the request
 * itself, so one failed request leaves nothing behind that makes the next one unsafe. The HTTP
 * layer already routes every error to the error mapper (see http/request-guards.ts); reaching
 * these handlers is a bug, logged at `fatal` with the error so it is seen and fixed, never a
 * silent exit. Called once per process, from main.ts and worker.ts.
 */
export function installProcessGuards(logger: Logger, proc: NodeJS.EventEmitter = process): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection; the process keeps serving');
  });
  proc.on('uncaughtException', (err: unknown, origin: unknown) => {
    logger.fatal({ err, origin }, 'uncaught exception; the process keeps serving');
  });
}
