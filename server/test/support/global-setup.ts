import { migrateDatabase } from '../../src/compose';
import { templateName, urlFor, withAdmin } from './pg-admin';
import { startPgReplicaPair } from './pg-replica';

/**
 * Creates (once per migration set) a migrated template database every test file clones.
 * SLOTWISE_TEST_WITH_REPLICA=1 first starts a primary with a synchronous streaming replica and
 * runs every test's app with DATABASE_REPLICA_URL (docs/guides/scaling.md).
 */
export default async function setup() {
  let teardown: (() => Promise<void>) | undefined;
  if (
    process.env.SLOTWISE_TEST_WITH_REPLICA === '1' &&
    !process.env.SLOTWISE_TEST_REPLICA_ADMIN_URL
  ) {
    const pair = await startPgReplicaPair({ synchronous: true });
    process.env.TEST_DATABASE_ADMIN_URL = pair.primaryAdminUrl;
    process.env.SLOTWISE_TEST_REPLICA_ADMIN_URL = pair.replicaAdminUrl;
    teardown = pair.stop;
  }
  const tpl = templateName();
  try {
    await createTemplate(tpl);
  } catch (err) {
    await teardown?.();
    throw err;
  }
  process.env.SLOTWISE_TEST_TEMPLATE = tpl;
  return teardown;
}

async function createTemplate(tpl: string) {
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
}
