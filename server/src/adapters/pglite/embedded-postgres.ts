import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { migrate, readMigrations } from '../postgres/migrate';
import { pgliteSession } from '../postgres/sql-session';

export interface EmbeddedPostgres {
  /** A postgres:// URL served by PGlite over the wire protocol on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL in-process for `npm start` without services. PGlite speaks the wire protocol through
 * pglite-socket, so the app uses the same pg driver, Prisma adapter and migrations as production.
 * PGlite is one connection: callers must use a pool of size 1.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; migrationsDir: string }): Promise<EmbeddedPostgres> {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: opts.dataDir, extensions: { btree_gist } });
  await migrate(pgliteSession(db), readMigrations(opts.migrationsDir));
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgresql://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
