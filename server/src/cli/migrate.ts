import { migrateConfiguredDatabase } from '../compose';
import { loadConfig } from '../config';

// PostgreSQL when DATABASE_URL is set (MIGRATE_DATABASE_URL wins, for an owner login), else the
// embedded PGlite database under DATA_DIR.
const config = loadConfig();
console.log(await migrateConfiguredDatabase(config, process.env.MIGRATE_DATABASE_URL ?? config.DATABASE_URL));
