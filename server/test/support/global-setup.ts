import { migrateDatabase } from '../../src/compose';
import { templateName, urlFor, withAdmin } from './pg-admin';

/** Creates (once per migration set) a migrated template database every test file clones. */
export default async function setup() {
  const tpl = templateName();
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(424242)');
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
      if (!rowCount) {
        await c.query(`CREATE DATABASE ${tpl}`);
        try {
          await migrateDatabase(urlFor(tpl));
        } catch (err) {
          await c.query(`DROP DATABASE IF EXISTS ${tpl}`);
          throw err;
        }
        await c.query(`ALTER DATABASE ${tpl} WITH IS_TEMPLATE true`);
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(424242)');
    }
  });
  process.env.SLOTWISE_TEST_TEMPLATE = tpl;
}
