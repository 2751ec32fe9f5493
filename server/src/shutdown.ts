import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * Graceful stop on SIGTERM/SIGINT: `drain` stops taking work and waits for what is in flight; if
 * that takes longer than `timeoutMs`, the process exits anyway (exit code 1) so an orchestrator's
 * own kill deadline is never the one that ends it. A second signal exits at once.
 */
export function exitGracefully(logger: Logger, timeoutMs: number, drain: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal, timeoutMs }, 'shutting down: draining in-flight work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; exiting with work still in flight');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    drain().then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Stops accepting connections and resolves once every in-flight request has been answered. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets with no request in progress would otherwise hold close() open.
    server.closeIdleConnections();
  });
}
