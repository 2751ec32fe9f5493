import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setupTestDatabases as serverSetup } from '@slotwise/server/test-support';
import { paths } from './paths';

/** Newest modification time under a directory (files only), 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds client/dist when it is missing or older than any client or SDK source. */
function ensureClientBuilt() {
  const manifest = join(paths.clientDist, '.vite', 'manifest.json');
  const built =
    existsSync(manifest) && existsSync(join(paths.clientDist, 'widget.js'))
      ? statSync(manifest).mtimeMs
      : 0;
  const sources = Math.max(
    newest(join(paths.client, 'src')),
    ...['book.html', 'admin.html', 'vite.config.ts', 'vite.widget.config.ts'].map(
      (f) => statSync(join(paths.client, f)).mtimeMs,
    ),
    newest(join(paths.root, 'packages', 'sdk', 'src')),
    newest(join(paths.root, 'packages', 'contracts', 'src')),
  );
  if (built >= sources) return;
  console.log('[e2e] building the client (dist is missing or stale)…');
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync('npm', ['run', 'build', '--workspace=@slotwise/client'], {
    cwd: paths.root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export default async function setup() {
  if (!existsSync(paths.chromium)) {
    throw new Error(
      `Chromium not found at ${paths.chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  ensureClientBuilt();
  // The same migrated template database the server tests clone; each e2e file clones its own.
  await serverSetup();
}
