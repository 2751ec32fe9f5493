import { migrateDatabase } from '../compose';
import { readEnv } from '../config';
import { startEmbeddedPostgres } from '../adapters/pglite/embedded-postgres';
import { paths } from '../paths';

// PostgreSQL when DATABASE_URL is set (MIGRATE_DATABASE_URL wins, for an owner login), else the
// embedded PGlite database under DATA_DIR. Migrating serves nothing, so it needs no JWT_SECRET
// or PUBLIC_URL (a deploy step or CI can run it with DATABASE_URL alone).
const config = readEnv();
const url = process.env.MIGRATE_DATABASE_URL ?? config.DATABASE_URL;
if (url) {
  const r = await migrateDatabase(url);
  console.log(`migrations: ${r.applied.length} applied, ${r.alreadyApplied.length} already applied`);
  for (const m of r.applied) console.log(`  applied ${m}`);
  console.log(`functions: ${r.functions.length} (re)applied from prisma/functions`);
} else {
  const pg = await startEmbeddedPostgres({
    dataDir: paths.dataDir(`${config.DATA_DIR}/pglite`),
    migrationsDir: paths.migrations,
    functionsDir: paths.functions,
    template: paths.pgliteTemplate,
  });
  await pg.stop();
  console.log(`embedded database under ${config.DATA_DIR} is migrated`);
}
