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
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
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
