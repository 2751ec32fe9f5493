/**
 * A recurring job of this process: runs `work`, then again `delayMs(result)` after that run ends,
 * until stopped, so a run never overlaps the previous one. A failed run goes to `onError` and the
 * next one comes as after a run that returned nothing; `stop()` waits for a run in flight. Every
 * sweeper, ticker, poller and folder of the jobs runtime loops through this one.
 */
export function recurring<T>(
  work: () => Promise<T>,
  opts: { delayMs: (last: T | undefined) => number; onError: (err: unknown) => void },
) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    if (stopped) return;
    let last: T | undefined;
    const run = work().then(
      (v) => {
        last = v;
      },
      (err: unknown) => opts.onError(err),
    );
    running = run;
    await run;
    if (!stopped) {
      timer = setTimeout(loop, opts.delayMs(last));
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

/** `recurring` at a fixed interval, a failed run logged as a warning under `what`. */
export function everyInterval(
  intervalMs: number,
  work: () => Promise<unknown>,
  logger: { warn: (obj: object, msg: string) => void },
  what: string,
) {
  return recurring(work, {
    delayMs: () => intervalMs,
    onError: (err) => logger.warn({ err }, `${what} failed`),
  });
}
