/* global process, console */
// `npm start` (and `npm run worker`, `npm run db:migrate`, `npm run db:seed`): builds whatever is
// missing or stale (content hash of its sources, see build.mjs), then runs the compiled entry in
// this same process. A restart with unchanged sources builds nothing. Deployments that built
// ahead may run `node server/dist/<entry>.js` directly.
//   node scripts/start.mjs [main|worker|migrate|seed]
import { ensureBuilt } from './build.mjs';

const entry = process.argv[2] ?? 'main';
if (!['main', 'worker', 'migrate', 'seed'].includes(entry)) {
  console.error(`unknown entry ${entry}`);
  process.exit(2);
}
try {
  // Only the API serves the web apps; the other entries need the server alone.
  await ensureBuilt({ only: entry === 'main' ? ['server', 'client'] : ['server'] });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
await import(`../server/dist/${entry}.js`);
