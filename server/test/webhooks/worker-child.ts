// A worker process for the kill -9 test: the real composition root on the test's database, jobs
// running in-process (the child's own queue), nothing else. Prints "ready" once started.
import { composeCore } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  RATE_LIMITS_ENABLED: 'false',
});
// A worker composes the core only (no HTTP app), as server/src/worker.ts does.
const system = await composeCore(config, createLogger(config.LOG_LEVEL));
await system.jobs.start();
process.stdout.write('ready\n');
