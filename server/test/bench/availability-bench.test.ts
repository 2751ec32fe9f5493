import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rssSummary } from '../../bench/availability-soak';
import { wrk } from '../../bench/wrk';

describe('availability benchmark: RSS summary', () => {
  it('calls a flat series after warm-up flat and a growing one not flat', () => {
    const flat: [number, number][] = Array.from({ length: 61 }, (_, i) => [
      i * 10,
      i < 12 ? 100 + i * 10 : 220 + (i % 3),
    ]);
    const f = rssSummary(flat, 600);
    expect(f.warmupSeconds).toBe(120);
    expect(f.minMiB).toBeGreaterThanOrEqual(220);
    expect(Math.abs(f.slopeMiBPerMinute)).toBeLessThan(0.2);
    expect(f.flat).toBe(true);

    const growing: [number, number][] = Array.from({ length: 61 }, (_, i) => [i * 10, 200 + i * 2]);
    const g = rssSummary(growing, 600);
    expect(g.slopeMiBPerMinute).toBeCloseTo(12, 5);
    expect(g.flat).toBe(false);
  });
});

// The external client itself: a system package, so this part runs where wrk is installed.
const hasWrk = !spawnSync('wrk', ['--version']).error;
describe.skipIf(!hasWrk)('availability benchmark: wrk client', () => {
  const seen: string[] = [];
  let server: Server;
  let baseUrl = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the paths in order, wrapping round, and reads its figures back', async () => {
    const r = await wrk({ baseUrl, paths: ['/a?x=1', '/b', '/c'], seconds: 1 });
    expect(r.requests).toBeGreaterThan(3);
    expect(r.failures).toBe(0);
    // In order, wrapping round (wrk calls the script's request() once more at start-up, so the
    // first path sent may be the second of the list).
    const paths = ['/a?x=1', '/b', '/c'];
    for (let i = 1; i < seen.length; i++)
      expect(paths.indexOf(seen[i]!)).toBe((paths.indexOf(seen[i - 1]!) + 1) % 3);
    expect(r.p95).toBeGreaterThanOrEqual(r.p50);
    expect(r.max).toBeGreaterThanOrEqual(r.p95);
    expect(r.bytes).toBeGreaterThan(0);
  });

  it('counts non-2xx answers as failures', async () => {
    const r = await wrk({ baseUrl, paths: ['/fail'], seconds: 1 });
    expect(r.failures).toBe(r.requests);
  });
});
