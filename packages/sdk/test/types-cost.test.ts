import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 17: an integrator's strict tsc (skipLibCheck off) on the published SDK costs at most 2×
// stripe-node's on the same machine. Builds and packs the SDK, installs stripe from the registry.
const script = fileURLToPath(new URL('../scripts/measure-types.mjs', import.meta.url));

describe('what the published types cost an integrator', () => {
  it('strict tsc with skipLibCheck off: at most 2× stripe-node', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [script], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout);
    }
    const result = JSON.parse(out.trim().split('\n').pop()!) as {
      ratio: number;
      sdk: { totalSeconds: number; memoryKB: number };
      stripe: { totalSeconds: number; memoryKB: number };
      dtsBytes: number;
    };
    console.log(`measure-types: ${JSON.stringify(result)}`);
    expect(result.ratio).toBeLessThanOrEqual(2);
    expect(result.sdk.memoryKB).toBeLessThanOrEqual(2 * result.stripe.memoryKB);
    expect(result.dtsBytes).toBeLessThan(400_000);
  }, 900_000);
});
