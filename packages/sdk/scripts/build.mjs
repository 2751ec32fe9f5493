/* global process */
// `npm run build`: regenerate src/generated from the contracts, then bundle with tsup.
// The published package is the SDK's own code and plain generated types: no zod, no ts-rest.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
execFileSync(process.execPath, [tsx, 'scripts/generate.ts'], { cwd: sdkDir, stdio: 'inherit' });
rmSync(resolve(sdkDir, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('tsup/dist/cli-default.js')], {
  cwd: sdkDir,
  stdio: 'inherit',
});
