import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The little a migration needs from a connection: PostgreSQL (pg) and PGlite both provide it. */
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** Function files (prisma/functions) applied after the migrations: all of them, every run. */
  functions: string[];
}

// Same DDL, checksum (sha256 of the file) and bookkeeping as `prisma migrate deploy`, so a user
// who has Prisma's schema engine can switch to Prisma's own commands on the same database.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key for migrations, so we never race `prisma migrate deploy`.
const MIGRATE_LOCK_KEY = 72707369;

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The repeatable function files (prisma/functions/*.sql, one `CREATE OR REPLACE FUNCTION` each,
 * in name order): the live definition of a function is its file, not the last migration that
 * touched it (docs/decisions/0007). A missing folder is no files.
 */
export function readFunctions(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/**
 * Applies the pending migrations in order, then every function file, all under Prisma's migration
 * lock. Function files are re-applied on every run (they are `CREATE OR REPLACE`, so that is
 * idempotent) in one transaction, after the migrations so they can use what those create; a
 * migration drops a function whose arguments change (CREATE OR REPLACE would add an overload).
 * Not by a release older than the database (see below).
 */
export async function migrate(
  db: SqlSession,
  migrations: MigrationFile[],
  functions: MigrationFile[] = [],
): Promise<MigrateResult> {
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY]);
  try {
    await db.exec(MIGRATIONS_TABLE_DDL);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back.`,
      );
    }
    const done = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [], functions: [] };
    for (const m of migrations) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          console.warn(`warning: migration ${m.name} was modified after it was applied`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      const id = randomUUID();
      await db.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, m.checksum, m.name],
      );
      try {
        await db.exec(`BEGIN;\n${m.sql}\n;COMMIT;`);
      } catch (err) {
        await db.exec('ROLLBACK').catch(() => undefined);
        const message = err instanceof Error ? err.message : String(err);
        await db.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
        throw new MigrationError(`Migration ${m.name} failed: ${message}`);
      }
      await db.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      result.applied.push(m.name);
    }
    // A process older than the database (a rolling deploy, a rollback) must not put its older
    // function definitions back over the newer ones: it applies functions only when it knows
    // every migration the database has.
    const known = new Set(migrations.map((m) => m.name));
    const newer = [...done.keys()].filter((name) => !known.has(name));
    if (newer.length > 0 && functions.length > 0) {
      console.warn(`prisma/functions not applied: the database has migrations this release does not know (${newer.join(', ')})`);
    } else if (functions.length > 0) {
      try {
        await db.exec(`BEGIN;\n${functions.map((f) => f.sql).join('\n;\n')}\n;COMMIT;`);
      } catch (err) {
        await db.exec('ROLLBACK').catch(() => undefined);
        const message = err instanceof Error ? err.message : String(err);
        throw new MigrationError(`Applying prisma/functions failed: ${message}`);
      }
      result.functions = functions.map((f) => f.name);
    }
    return result;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]);
  }
}
