// Prisma 7's CLI wants to download its schema-engine binary even for `generate`, which does not
// use it. Offline machines point PRISMA_SCHEMA_ENGINE_BINARY at an executable stub instead.
/* global console, process */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = join(root, 'server');
if (!existsSync(join(serverDir, 'node_modules', '.bin', 'prisma')) && !existsSync(join(root, 'node_modules', '.bin', 'prisma'))) {
  console.log('prisma-generate: prisma CLI not installed yet, skipping');
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = join(tmpdir(), 'slotwise-prisma-stub');
  mkdirSync(dir, { recursive: true });
  const stub = join(dir, 'schema-engine');
  writeFileSync(stub, '#!/bin/sh\necho "schema-engine stub: use npm run db:migrate" >&2\nexit 1\n');
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const r = spawnSync('npx', ['prisma', 'generate'], { cwd: serverDir, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
