import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client';

export type { PrismaClient };

export interface DatabaseOptions {
  url: string;
  /** Role every connection switches to; must be neither superuser nor BYPASSRLS. */
  appRole: string;
  poolSize: number;
}

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  ping(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One pool, one Prisma client. Each connection switches to the application role so row-level
 * security applies even when DATABASE_URL logs in as the schema owner.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const poolConfig: pg.PoolConfig & { onConnect: (c: pg.PoolClient) => Promise<unknown> } = {
    connectionString: opts.url,
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
  } finally {
    client.release();
  }
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }),
  });
  return {
    prisma,
    pool,
    async ping() {
      const t = performance.now();
      await pool.query('SELECT 1');
      return performance.now() - t;
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
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

