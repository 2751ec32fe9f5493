import { migrateConfiguredDatabase } from '../compose';
import { readEnv } from '../config';

// PostgreSQL when DATABASE_URL is set (MIGRATE_DATABASE_URL wins, for an owner login), else the
// embedded PGlite database under DATA_DIR. Migrating serves nothing, so it needs no JWT_SECRET
// or PUBLIC_URL (a deploy step or CI can run it with DATABASE_URL alone).
const config = readEnv();
for (const line of await migrateConfiguredDatabase(config, process.env.MIGRATE_DATABASE_URL ?? config.DATABASE_URL)) console.log(line);
