import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { migrate, readFunctions, readMigrations } from '../postgres/migrate';
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
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  migrationsDir: string;
  functionsDir: string;
  /** A migrated data directory (writePgliteTemplate) that a fresh dataDir starts from. */
  template?: string;
}): Promise<EmbeddedPostgres> {
  mkdirSync(opts.dataDir, { recursive: true });
  // PGlite's initdb is most of a first start; the build made one ahead (migrations still run below).
  const fresh = !existsSync(join(opts.dataDir, 'PG_VERSION'));
  const loadDataDir = fresh && opts.template && existsSync(opts.template) ? new Blob([readFileSync(opts.template)]) : undefined;
  const db = await PGlite.create({ dataDir: opts.dataDir, extensions: { btree_gist }, loadDataDir });
  await migrate(pgliteSession(db), readMigrations(opts.migrationsDir), readFunctions(opts.functionsDir));
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

/** Creates a migrated PGlite data directory in memory and writes it as a gzipped tarball. */
export async function writePgliteTemplate(opts: { file: string; migrationsDir: string }): Promise<void> {
  const db = await PGlite.create({ extensions: { btree_gist } });
  try {
    await migrate(pgliteSession(db), readMigrations(opts.migrationsDir));
    const blob = await db.dumpDataDir('gzip');
    writeFileSync(opts.file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
}
