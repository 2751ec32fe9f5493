import { createHash } from 'node:crypto';
import pg from 'pg';
import { readMigrations } from '../../src/adapters/postgres/migrate';
import { paths } from '../../src/paths';

/** A superuser connection to the machine's PostgreSQL, used only to create and drop databases. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template is named after the migrations it holds, so a changed migration gets a new one. */
export function templateName(): string {
  const h = createHash('sha256');
  for (const m of readMigrations(paths.migrations)) h.update(m.name).update(m.checksum);
  return `slotwise_tpl_${h.digest('hex').slice(0, 12)}`;
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
