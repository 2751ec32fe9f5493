import { afterEach, describe, expect, it, vi } from 'vitest';
import { recurring } from '../../src/jobs/recurring';

describe('recurring jobs', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once, then the delay after each run ends, never overlapping, and keeps going after a failure', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    let inFlight = 0;
    let release: (() => void) | undefined;
    const job = recurring(
      async () => {
        calls += 1;
        inFlight += 1;
        expect(inFlight).toBe(1);
        if (calls === 2) {
          inFlight -= 1;
          throw new Error('boom');
        }
        await new Promise<void>((r) => (release = r));
        inFlight -= 1;
        return calls;
      },
      { delayMs: (last) => (last === undefined ? 50 : 100), onError: (err) => errors.push(err) },
    );
    job.start();
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000); // the first run has not ended: nothing more starts
    expect(calls).toBe(1);
    release!();
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 100 ms after a run that returned
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50); // 50 ms after the failed one
    expect(calls).toBe(3);
    const stopping = job.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false); // waits for the run in flight
    release!();
    await stopping;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
  });
});
