/**
 * `npm run bench`: every benchmark, one after the other, each in its own process (they each make
 * and drop their own database). Arguments are passed to each (e.g. `-- --no-write` to leave
 * docs/performance.md alone); the engine micro-benchmark takes none.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const benches: [string, string[]][] = [
  ['availability-engine.ts', []],
  ['availability.ts', args],
  ['reports.ts', args],
  ['booking.ts', args],
];

let failed = 0;
for (const [file, argv] of benches) {
  console.log(`\n=== ${file} ${argv.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...argv], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    failed++;
    console.error(`${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
