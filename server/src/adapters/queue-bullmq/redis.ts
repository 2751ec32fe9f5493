import { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

/**
 * The one place Redis connections are opened. With `cluster`, REDIS_URL names any node of a
 * Redis Cluster and ioredis discovers the others. `maxRetriesPerRequest: null` is what BullMQ
 * requires for its blocking connections; other callers (rate limits, health) tolerate it.
 */
export function openRedis(url: string, opts: { cluster?: boolean } = {}): RedisClient {
  if (!opts.cluster) return new Redis(url, { maxRetriesPerRequest: null });
  const u = new URL(url);
  return new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }], {
    redisOptions: {
      maxRetriesPerRequest: null,
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
    },
  });
}

/**
 * BullMQ keeps every key of a queue under `<prefix>:<queue>:…` and its Lua scripts touch several of
 * them at once; on a cluster they must share a hash slot, i.e. the prefix must be a hash tag.
 */
export function assertHashTagged(prefix: string): void {
  if (!/^\{[^{}]+\}$/.test(prefix))
    throw new Error(
      `REDIS_PREFIX must be a hash tag like {slotwise} (got ${JSON.stringify(prefix)}): BullMQ's multi-key scripts fail with CROSSSLOT otherwise`,
    );
}
