import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL primary and a streaming replica on loopback, made with the machine's PostgreSQL
 * binaries (/usr/lib/postgresql/<version>/bin) in a temporary directory: initdb, pg_ctl,
 * pg_basebackup -R. PostgreSQL refuses to run as root, so as root they run as user postgres.
 */
export interface PgReplicaPair {
  /** postgres://postgres@127.0.0.1:<port>/postgres of each server (superuser, trust). */
  primaryAdminUrl: string;
  replicaAdminUrl: string;
  /** The same database on the replica. */
  replicaUrlFor(primaryUrl: string): string;
  /** Until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`No PostgreSQL binaries under ${base}/*/bin`);
  return join(base, newest, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/**
 * `synchronous`: commits wait until the replica has applied them (synchronous_commit =
 * remote_apply), so a read on the replica sees every committed write; without it the replica
 * lags like any asynchronous one.
 */
export async function startPgReplicaPair(opts: { synchronous: boolean }): Promise<PgReplicaPair> {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const ids = root
    ? (await run('id', ['-u', 'postgres'])).stdout.trim() +
      ':' +
      (await run('id', ['-g', 'postgres'])).stdout.trim()
    : '';
  const [uid, gid] = ids.split(':').map(Number);
  const as = (cmd: string, args: string[]) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args])
      : run(join(bin, cmd), args);

  const dir = mkdtempSync(join(tmpdir(), 'slotwise-pg-replica-'));
  if (root) chownSync(dir, uid!, gid!);
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const [pPort, sPort] = [await freePort(), await freePort()];
  const url = (port: number) => `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let started: string[] = [];
  const stop = async () => {
    for (const d of started.reverse())
      await as('pg_ctl', ['-D', d, '-m', 'immediate', 'stop']).catch(() => undefined);
    started = [];
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb's default pg_hba trusts local replication connections.
    await as('initdb', [
      '-D',
      primary,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    appendFileSync(
      join(primary, 'postgresql.conf'),
      [
        `port = ${pPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'max_connections = 100',
        'fsync = off',
        'full_page_writes = off',
        ...(opts.synchronous
          ? [`synchronous_standby_names = '*'`, 'synchronous_commit = remote_apply']
          : []),
        '',
      ].join('\n'),
    );
    await as('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', 'start']);
    started.push(primary);
    // -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
    await as('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(pPort),
      '-U',
      'postgres',
      '-D',
      standby,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    await as('pg_ctl', [
      '-D',
      standby,
      '-l',
      join(dir, 'standby.log'),
      '-o',
      `-p ${sPort}`,
      '-w',
      'start',
    ]);
    started.push(standby);
  } catch (err) {
    await stop();
    throw err;
  }
  const replicaAdminUrl = url(sPort);
  return {
    primaryAdminUrl: url(pPort),
    replicaAdminUrl,
    replicaUrlFor(primaryUrl) {
      const u = new URL(primaryUrl);
      u.port = String(sPort);
      return u.toString();
    },
    async caughtUp() {
      const lsn = (
        await query<{ lsn: string }>(url(pPort), 'SELECT pg_current_wal_lsn()::text AS lsn')
      )[0]!.lsn;
      const end = Date.now() + 30_000;
      for (;;) {
        const done = (
          await query<{ done: boolean }>(
            replicaAdminUrl,
            `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
          )
        )[0]!.done;
        if (done) return;
        if (Date.now() > end) throw new Error('replica did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pauseReplay() {
      await query(replicaAdminUrl, 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query(replicaAdminUrl, 'SELECT pg_wal_replay_resume()');
    },
    stop,
  };
}
