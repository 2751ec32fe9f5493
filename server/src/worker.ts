import { composeCore, migrateDatabase } from './compose';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { installProcessGuards } from './process-guard';
import { exitGracefully } from './shutdown';

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
// The core only: no HTTP app is composed or even loaded in a worker process.
const core = await composeCore(config, logger);
await core.jobs.start();
logger.info('worker started');
exitGracefully(logger, config.SHUTDOWN_TIMEOUT_MS, () => core.close());
