import { composeSystem, migrateDatabase } from './compose';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { installProcessGuards } from './process-guard';

// A worker process: outbox dispatch and job handlers, no HTTP. Needs DATABASE_URL and REDIS_URL
// (without Redis there is nothing to share between processes: the API runs jobs in-process).
const config = loadConfig();
if (!config.DATABASE_URL || !config.REDIS_URL) {
  console.error('The worker needs DATABASE_URL and REDIS_URL; without them, `npm start` runs jobs in-process.');
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL);
installProcessGuards(logger);
await migrateDatabase(config.DATABASE_URL);
const system = await composeSystem(config, logger);
await system.jobs.start();
logger.info('worker started');
const stop = async () => {
  await system.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
