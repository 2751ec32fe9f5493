/** What the benchmark scripts share: a seeded generator, percentiles, and API calls for seeding. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { TestApp } from '../test/support/test-app';

/** mulberry32: the same data every run, so runs compare. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

export interface Stats {
  median: number;
  p95: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  return {
    median: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    max: percentile(samples, 1),
  };
}

/** A seeding call through the API; anything but 2xx stops the benchmark. */
export async function api(
  app: TestApp,
  method: 'post' | 'put',
  path: string,
  auth: Record<string, string>,
  body: unknown,
) {
  const res = await app.http[method](path)
    .set(auth)
    .send(body as object);
  if (res.status >= 300)
    throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Replaces the "## <heading>" section of docs/performance.md (other sections are left alone). */
export function writeSection(file: string, heading: string, section: string) {
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Performance\n\nBenchmarks and what they measure. Each section is written by its benchmark script.\n';
  const start = current.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const rest = current.slice(start + 1);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
