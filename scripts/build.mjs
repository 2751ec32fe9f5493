/* global process, console, URL, setTimeout */
// Builds what `npm start` runs: the server (tsup → server/dist) and the web apps (vite →
// client/dist). Each output carries a stamp with the content hash of its sources, so a build
// happens only when a source changed, never on a plain restart.
//   node scripts/build.mjs            build what is stale (both targets in parallel)
//   node scripts/build.mjs --force    rebuild both
//   node scripts/build.mjs --if-possible   (postinstall) skip quietly without the build tools,
//                                           i.e. in a production install (npm ci --omit=dev)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const STAMP = '.build-hash';

/** What each output is made from (files or directories, relative to the root) and how. */
export const targets = {
  server: {
    out: 'server/dist',
    entry: 'server/dist/main.js',
    // prisma/: the embedded database template is migrated at build time.
    inputs: [
      'server/src',
      'server/tsup.config.ts',
      'server/package.json',
      'packages/contracts/src',
      'packages/contracts/package.json',
      'packages/i18n/src',
      'packages/i18n/package.json',
      'prisma/migrations',
      'prisma/functions',
    ],
    tool: 'node_modules/tsup/package.json',
    cmds: [
      [join(root, 'node_modules', '.bin', 'tsup'), ['--silent'], 'server'],
      [process.execPath, ['dist/pglite-template.js'], 'server'],
    ],
  },
  client: {
    out: 'client/dist',
    entry: 'client/dist/book.html',
    inputs: [
      'client/src',
      'client/book.html',
      'client/admin.html',
      'client/vite.config.ts',
      'client/vite.widget.config.ts',
      'client/package.json',
      'packages/sdk/src',
      'packages/contracts/src',
      'packages/i18n/src',
    ],
    tool: 'node_modules/vite/package.json',
    cmds: [['npm', ['run', 'build', '--workspace=@slotwise/client'], '.']],
  },
};

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && e.name !== 'dist')
    .flatMap((e) => files(join(path, e.name)));
}

/** sha256 over the sorted relative paths and contents of a target's inputs. */
export function sourceHash(target) {
  const h = createHash('sha256');
  const all = targets[target].inputs.flatMap((p) => files(join(root, p))).sort();
  for (const f of all)
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export function isFresh(target, hash = sourceHash(target)) {
  const t = targets[target];
  const stamp = join(root, t.out, STAMP);
  return (
    existsSync(join(root, t.entry)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === hash
  );
}

export function canBuild(target) {
  return existsSync(join(root, targets[target].tool));
}

function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    // Vite bundles React's development build under NODE_ENV=test (vitest) or development.
    const child = spawn(cmd, args, {
      cwd: join(root, cwd),
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function build(target, hash) {
  const t = targets[target];
  const started = Date.now();
  console.log(`[build] ${target}: building ${t.out}…`);
  for (const cmd of t.cmds) await run(...cmd);
  writeFileSync(join(root, t.out, STAMP), `${hash}\n`);
  console.log(`[build] ${target}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Builds the stale targets, in parallel. Without the build tools (a pruned production install)
 * a stale target is an error, unless `ifPossible`, which only reports it.
 */
export async function ensureBuilt({
  force = false,
  ifPossible = false,
  only = Object.keys(targets),
} = {}) {
  const stale = (target) => force || !isFresh(target);
  if (!only.some(stale)) return; // the common case (every restart): no lock, no build
  // Two starts (or test files) at once must not build into the same directory together.
  const release = await lock();
  try {
    const jobs = [];
    for (const target of only) {
      const hash = sourceHash(target);
      if (!force && isFresh(target, hash)) continue; // built meanwhile by whoever held the lock
      if (!canBuild(target)) {
        const msg = `[build] ${target}: ${targets[target].out} is missing or older than its sources, and the build tools (dev dependencies) are not installed. Run \`npm ci && npm run build\` before \`npm prune --omit=dev\`.`;
        if (ifPossible) {
          console.log(msg);
          continue;
        }
        throw new Error(msg);
      }
      jobs.push(build(target, hash));
    }
    await Promise.all(jobs);
  } finally {
    release();
  }
}

/** A directory as a lock (mkdir is atomic); one left behind by a killed build expires after 10 minutes. */
async function lock() {
  const dir = join(root, 'node_modules', '.slotwise-build-lock');
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let since = 0;
      try {
        since = Date.now() - statSync(dir).mtimeMs;
      } catch {
        // released meanwhile: try again
      }
      if (since > 600_000) rmSync(dir, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const only = args.filter((a) => a in targets);
  try {
    await ensureBuilt({
      force: args.includes('--force'),
      ifPossible: args.includes('--if-possible'),
      only: only.length ? only : undefined,
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    // In postinstall a failed build must not fail the install: `npm start` retries and shows it.
    process.exit(args.includes('--if-possible') ? 0 : 1);
  }
}
