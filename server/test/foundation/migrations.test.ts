import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate, MigrationError, readMigrations } from '../../src/adapters/postgres/migrate';
import { pgSession } from '../../src/adapters/postgres/sql-session';
import { migrateDatabase } from '../../src/compose';
import { paths } from '../../src/paths';
import { urlFor, withAdmin } from '../support/pg-admin';

const name = `slotwise_migrate_${randomBytes(6).toString('hex')}`;
const url = urlFor(name);
const folders = readdirSync(paths.migrations, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const functionFiles = readdirSync(paths.functions)
  .filter((f) => f.endsWith('.sql'))
  .sort();

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}
const rows = () => query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

let firstRun: Awaited<ReturnType<typeof migrateDatabase>>;

beforeAll(async () => {
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  firstRun = await migrateDatabase(url);
});
afterAll(async () => {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

describe('migrations', () => {
  it('applies every folder of prisma/migrations in order to an empty database', () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(firstRun).toEqual({ applied: folders, alreadyApplied: [], functions: functionFiles });
  });

  it('records _prisma_migrations exactly like `prisma migrate deploy`', async () => {
    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', len: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ]);

    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual(folders);
    for (const r of recorded) {
      const file = readFileSync(join(paths.migrations, r.migration_name, 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.finished_at!.getTime()).toBeGreaterThanOrEqual(r.started_at.getTime());
      expect(r.applied_steps_count).toBe(1);
      expect(r.logs).toBeNull();
      expect(r.rolled_back_at).toBeNull();
    }
  });

  it('is a no-op when run again', async () => {
    const before = await rows();
    const again = await migrateDatabase(url);
    expect(again).toEqual({ applied: [], alreadyApplied: folders, functions: functionFiles });
    expect(await rows()).toEqual(before);
  });

  it('re-applies every prisma/functions file on each run: the file is the live definition', async () => {
    expect(functionFiles).toContain('booking_create.sql');
    const definition = () =>
      query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'booking_session_lock'`);
    const [original] = await definition();
    expect(original!.src).toContain('pg_advisory_xact_lock');
    // Edited by hand (or redefined by an old migration): db:migrate puts the file's definition back.
    await query(`CREATE OR REPLACE FUNCTION booking_session_lock(p_tenant_id uuid, p_provider_id uuid, p_session_key text)
      RETURNS void LANGUAGE plpgsql AS 'BEGIN END'`);
    expect(await definition()).not.toEqual([original]);
    const r = await migrateDatabase(url);
    expect(r.applied).toEqual([]);
    expect(await definition()).toEqual([original]);
  });

  it('an older release (the database has a migration it does not know) leaves the functions alone', async () => {
    const definition = () =>
      query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'booking_session_lock'`);
    const [current] = await definition();
    await query(`CREATE OR REPLACE FUNCTION booking_session_lock(p_tenant_id uuid, p_provider_id uuid, p_session_key text)
      RETURNS void LANGUAGE plpgsql AS 'BEGIN END'`);
    const [newer] = await definition();
    await query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, $1, '29991231000000_from_a_newer_release', now(), now(), 1)`,
      ['0'.repeat(64)],
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const r = await migrateDatabase(url);
      expect(r.functions).toEqual([]);
      expect(await definition()).toEqual([newer]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('29991231000000_from_a_newer_release'));
    } finally {
      warn.mockRestore();
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = '29991231000000_from_a_newer_release'`);
    }
    await migrateDatabase(url);
    expect(await definition()).toEqual([current]);
  });

  it('warns, and applies nothing, when an applied migration was modified', async () => {
    const first = folders[0]!;
    await query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', ['0'.repeat(64), first]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const r = await migrateDatabase(url);
      expect(r.applied).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain(`migration ${first} was modified after it was applied`);
    } finally {
      warn.mockRestore();
      await query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', [readMigrations(paths.migrations)[0]!.checksum, first]);
    }
  });

  it('rolls a failing migration back, records its error and refuses to go on until it is resolved', async () => {
    const broken = { name: '99999999999999_broken', sql: 'CREATE TABLE "half_done" (id int);\nSELECT 1/0;', checksum: 'f'.repeat(64) };
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await expect(migrate(pgSession(c), [...readMigrations(paths.migrations), broken])).rejects.toThrow(MigrationError);
      const [row] = await query<MigrationRow>('SELECT * FROM "_prisma_migrations" WHERE migration_name = $1', [broken.name]);
      expect(row).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
      expect(row!.logs).toContain('division by zero');
      expect(await query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
      await expect(migrate(pgSession(c), readMigrations(paths.migrations))).rejects.toThrow(/failed earlier/);
    } finally {
      await c.end();
    }
    // What an operator does after fixing it (the same as `prisma migrate resolve --rolled-back`).
    await query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', ['99999999999999_broken']);
    expect((await migrateDatabase(url)).applied).toEqual([]);
  });

  it('keeps _prisma_migrations out of reach of the application role', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('SET ROLE slotwise_app');
      await expect(c.query('SELECT * FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
    } finally {
      await c.end();
    }
  });
});
