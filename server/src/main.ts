import { migrateDatabase } from './compose';
import { composeSystem } from './compose-http';
import { ConfigError, loadConfig } from './config';
import { createAppServer } from './http/listen';
import { createLogger } from './logger';
import { installProcessGuards } from './process-guard';
import { seedDemo, DEMO_LOGIN } from './seed/demo';
import { drainableServer, exitGracefully } from './shutdown';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  installProcessGuards(logger);
  if (config.DATABASE_URL) await migrateDatabase(config.DATABASE_URL);
  const system = await composeSystem(config, logger);
  const seeded = (config.SEED_DEMO ?? config.embedded) ? await seedDemo(system) : null;
  // Without Redis the API process is also the worker; with Redis, `npm run worker` scales them apart.
  if (config.RUN_WORKERS) await system.jobs.start();

  const server = createAppServer(system.app).listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
    const lines = [
      '',
      `  Slotwise is running (${config.embedded ? 'embedded PostgreSQL (PGlite) under ' + config.DATA_DIR : 'PostgreSQL'}${system.redis ? ' + Redis' : ', in-process jobs'})`,
      '',
      `  Listening      ${config.HOST}:${port}`,
      `  API            ${base}/v1`,
      `  Health         ${base}/health/ready`,
      `  OpenAPI        ${base}/openapi.json`,
      `  API reference  ${base}/docs`,
      `  Booking app    ${base}/book/demo`,
      `  Admin app      ${base}/admin`,
      `  Demo tenant    ${base}/v1/public/tenants/demo`,
      ...(seeded ? [`  Demo login     ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`] : []),
      '',
    ];
    console.log(lines.join('\n'));
  });

  // Longer than the idle timeout of common load balancers (60 s): with Node's default of 5 s, the
  // server may close a pooled connection just as the balancer reuses it (a 502 for the client).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Requests and jobs drain side by side; the database closes only once both are done.
  const closeServer = drainableServer(server);
  exitGracefully(logger, config.SHUTDOWN_TIMEOUT_MS, async () => {
    await Promise.all([closeServer(), system.jobs.stop()]);
    await system.close();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
