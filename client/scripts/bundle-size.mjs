import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The booking app's JavaScript budget (gzip), enforced after every build. */
// 120 KB after the SDK dropped zod at run time (ADR 0014), plus i18next (ADR 0011, ~15 KB gzip).
export const BOOKING_BUDGET_BYTES = 135 * 1024;

/**
 * Gzip size of every JS chunk an HTML entry can load: its own chunk plus static and dynamic
 * imports, followed through Vite's manifest.
 */
export function entryJsSize(distDir, entry) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
  const seen = new Set();
  const files = [];
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit(entry);
  const sizes = files.map((f) => ({
    file: f,
    gzip: gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length,
  }));
  return { files: sizes, total: sizes.reduce((n, s) => n + s.gzip, 0) };
}
