import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { waitUntil } from './processes';

const run = promisify(execFile);

/** A free loopback port whose cluster bus port (+10000) is free too. */
async function freePort(taken: Set<number>): Promise<number> {
  const probe = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(null));
      s.listen(port, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  for (;;) {
    const p = await probe(0);
    if (p === null || p + 10_000 > 65_535 || taken.has(p)) continue;
    if ((await probe(p + 10_000)) === null) continue;
    taken.add(p);
    return p;
  }
}

export interface RedisCluster {
  ports: number[];
  /** redis://127.0.0.1:<first port>: any node is a seed for the cluster client. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A 3-master Redis Cluster on loopback, made with the machine's redis-server in temporary
 * directories (nothing persisted), the way an operator would: start the nodes, then
 * `redis-cli --cluster create`.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const taken = new Set<number>();
  const ports = [await freePort(taken), await freePort(taken), await freePort(taken)];
  const dir = mkdtempSync(join(tmpdir(), 'slotwise-redis-cluster-'));
  const nodes: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      nodes.map(
        (n) =>
          new Promise<void>((resolve) =>
            n.exitCode !== null || n.signalCode !== null
              ? resolve()
              : (n.once('exit', () => resolve()), n.kill('SIGTERM')),
          ),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const clients = ports.map(
      (port) =>
        new Redis({
          port,
          host: '127.0.0.1',
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => 50,
        }),
    );
    for (const c of clients) c.on('error', () => undefined); // refused until the node listens
    try {
      await waitUntil(
        'redis nodes to answer',
        async () =>
          (await Promise.all(clients.map((c) => c.ping().catch(() => null)))).every(
            (r) => r === 'PONG',
          ),
        30_000,
      );
      await run('redis-cli', [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      await waitUntil(
        'the cluster to be ok on every node',
        async () =>
          (await Promise.all(clients.map((c) => c.cluster('INFO') as Promise<string>))).every(
            (info) => info.includes('cluster_state:ok'),
          ),
        30_000,
      );
    } finally {
      for (const c of clients) c.disconnect();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, url: `redis://127.0.0.1:${ports[0]}`, stop };
}
