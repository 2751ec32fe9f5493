import { composeCore, migrateDatabase } from '../compose';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { DEMO_LOGIN, seedDemo } from '../seed/demo';

const config = loadConfig();
if (config.DATABASE_URL) await migrateDatabase(config.DATABASE_URL);
// Seeding goes through the use cases: the core is enough, no HTTP app.
const system = await composeCore(config, createLogger('warn'));
const created = await seedDemo(system);
console.log(created ? `demo tenant created; log in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}` : 'demo tenant already exists');
await system.close();
