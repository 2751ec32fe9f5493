import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sdkDir = fileURLToPath(new URL('..', import.meta.url));

describe('src/generated', () => {
  it('is what scripts/generate.ts writes from the current contracts', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    let out = '';
    try {
      execFileSync(process.execPath, [tsx, 'scripts/generate.ts', '--check'], {
        cwd: sdkDir,
        stdio: 'pipe',
      });
    } catch (e) {
      out = String((e as { stderr?: Buffer }).stderr);
    }
    expect(out, 'run `npm run generate -w @slotwise/sdk` and commit').toBe('');
  }, 60_000);
});
