import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client';

export type { PrismaClient };

export interface DatabaseOptions {
  url: string;
  /** Role every connection switches to; must be neither superuser nor BYPASSRLS. */
  appRole: string;
  poolSize: number;
  /** A streaming replica (DATABASE_REPLICA_URL) for reads that may lag; absent: reads use the primary. */
  replicaUrl?: string;
}

export interface Connection {
  prisma: PrismaClient;
  pool: pg.Pool;
}

export interface Database extends Connection {
  /**
   * Where lag-tolerant reads go (availability search, reports, admin lists): the replica when one
   * is configured, else the primary itself. Writes and reads that must see a just-committed write
   * use `prisma`/`pool` (docs/guides/scaling.md, "Read replicas").
   */
  replica: Connection;
  ping(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One pool and one Prisma client per server (primary, optional replica). Each connection switches
 * to the application role so row-level security applies even when the URL logs in as the owner.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const primary = await connect(opts.url, opts);
  let replica: Connection = primary;
  if (opts.replicaUrl) {
    try {
      replica = await connect(opts.replicaUrl, opts);
    } catch (err) {
      await primary.prisma.$disconnect();
      await primary.pool.end();
      throw err;
    }
  }
  return {
    ...primary,
    replica,
    async ping() {
      const t = performance.now();
      await primary.pool.query('SELECT 1');
      return performance.now() - t;
    },
    async close() {
      for (const c of replica === primary ? [primary] : [primary, replica]) {
        await c.prisma.$disconnect();
        await c.pool.end();
      }
    },
  };
}

async function connect(url: string, opts: DatabaseOptions): Promise<Connection> {
  const poolConfig: pg.PoolConfig & { onConnect: (c: pg.PoolClient) => Promise<unknown> } = {
    connectionString: url,
    max: opts.poolSize,
    idleTimeoutMillis: 30_000,
    // Awaited by pg-pool before a new connection is handed out: no query ever runs as the login role.
    onConnect: (client) => client.query(`SET ROLE ${opts.appRole}`),
  };
  const pool = new pg.Pool(poolConfig);
  pool.on('error', () => undefined);
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; current_user: string }>(
      'SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user',
    );
    const me = rows[0];
    if (!me || me.rolsuper || me.rolbypassrls) {
      throw new Error(
        `Database role "${me?.current_user}" bypasses row-level security; run migrations and make sure the login can SET ROLE ${opts.appRole}`,
      );
    }
  } catch (err) {
    client.release();
    await pool.end();
    throw err;
  }
  client.release();
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }),
  });
  return { prisma, pool };
}

/**
 * Names every distinct statement so that each connection parses and plans it once (PostgreSQL's
 * plan cache) instead of on every execution: parse + plan was most of the database's time on the
 * booking path. Statement texts are finite in this codebase, but `IN (...)` lists and the like make
 * some vary, so after MAX_NAMED distinct texts new ones run unnamed ('' is unnamed to pg), as before.
 */
function preparedStatementNames(): (q: { sql: string }) => string {
  const MAX_NAMED = 2_000;
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_NAMED) {
      name = `s${names.size}`;
      names.set(sql, name);
    }
    return name ?? '';
  };
}

