import { contract } from '@slotwise/contracts';
import { s } from '../server';

export interface HealthProbes {
  database(): Promise<number>;
  /** undefined when Redis is not configured. */
  redis?: () => Promise<number>;
}

async function check(probe?: () => Promise<number>) {
  if (!probe) return { status: 'skipped' as const };
  let timer: NodeJS.Timeout | undefined;
  try {
    const latencyMs =
      Math.round(
        (await Promise.race([
          probe(),
          new Promise<number>((_, rej) => {
            timer = setTimeout(() => rej(new Error('timed out after 2 s')), 2000);
          }),
        ])) * 100,
      ) / 100;
    return { status: 'ok' as const, latencyMs };
  } catch (err) {
    return { status: 'error' as const, error: err instanceof Error ? err.message : 'failed' };
  } finally {
    // A probe polled often must not leave a pending 2 s timer (and its closure) behind each call.
    clearTimeout(timer);
  }
}

export function healthRouter(probes: HealthProbes) {
  return s.router(contract.health, {
    live: async () => ({ status: 200, body: { status: 'ok' as const } }),
    ready: async () => {
      const [database, redis] = await Promise.all([check(probes.database), check(probes.redis)]);
      const ok = database.status === 'ok' && redis.status !== 'error';
      return ok
        ? { status: 200, body: { status: 'ok' as const, checks: { database, redis } } }
        : { status: 503, body: { status: 'error' as const, checks: { database, redis } } };
    },
  });
}
