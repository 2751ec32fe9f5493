import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/**
 * Graceful stop on SIGTERM/SIGINT: `drain` stops taking work and waits for what is in flight; if
 * that takes longer than `timeoutMs`, the process exits anyway (exit code 1) so an orchestrator's
 * own kill deadline is never the one that ends it. A second signal exits at once.
 */
export function exitGracefully(
  logger: Logger,
  timeoutMs: number,
  drain: () => Promise<void>,
): void {
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

/**
 * Graceful close of an HTTP server: stop listening, close idle keep-alive connections at once, and
 * answer every request in flight with `Connection: close` so its connection ends with it. Call at
 * start (it tracks requests from then on); the returned function resolves once all are answered.
 */
export function drainableServer(server: Server): () => Promise<void> {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      // The connection may only count as idle after this tick.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      closing = true;
      server.close(() => resolve());
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      server.closeIdleConnections();
    });
}
