import { createHash } from 'node:crypto';
import pg from 'pg';
import { readFunctions, readMigrations } from '../../src/adapters/postgres/migrate';
import { paths } from '../../src/paths';

/**
 * A superuser connection to the machine's PostgreSQL, used only to create and drop databases.
 * Read at each call: the global setup may point it at a primary with a replica (pg-replica.ts).
 */
export const adminUrl = () => process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string, base = adminUrl()): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template is named after the migrations and function files it holds, so a change to either gets a new one. */
export function templateName(): string {
  const h = createHash('sha256');
  for (const m of readMigrations(paths.migrations)) h.update(m.name).update(m.checksum);
  for (const f of readFunctions(paths.functions)) h.update(`functions/${f.name}`).update(f.checksum);
  return `slotwise_tpl_${h.digest('hex').slice(0, 12)}`;
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
