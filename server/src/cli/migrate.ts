import { migrateDatabase } from '../compose';
import { loadConfig } from '../config';
import { startEmbeddedPostgres } from '../adapters/pglite/embedded-postgres';
import { paths } from '../paths';

// PostgreSQL when DATABASE_URL is set (MIGRATE_DATABASE_URL wins, for an owner login), else the
// embedded PGlite database under DATA_DIR.
const config = loadConfig();
const url = process.env.MIGRATE_DATABASE_URL ?? config.DATABASE_URL;
if (url) {
  const r = await migrateDatabase(url);
  console.log(`migrations: ${r.applied.length} applied, ${r.alreadyApplied.length} already applied`);
  for (const m of r.applied) console.log(`  applied ${m}`);
} else {
  const pg = await startEmbeddedPostgres({ dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`), migrationsDir: paths.migrations, template: paths.pgliteTemplate });
  await pg.stop();
  console.log(`embedded database under ${config.DATA_DIR} is migrated`);
}
