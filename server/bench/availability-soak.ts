/**
 * The RSS soak of the availability benchmark: wrk sends uncached availability queries for
 * `seconds` while the server's resident set size is read from /proc every few seconds. Flat
 * after warm-up means: the least-squares slope of the samples after the first quarter of the
 * run (at least 2 minutes) stays under 1 MiB per minute, and their range under 25 % of the mean.
 */
import { readFileSync } from 'node:fs';
import { wrk, type WrkResult } from './wrk';

export interface SoakResult {
  seconds: number;
  warmupSeconds: number;
  /** [seconds since start, RSS MiB]. */
  samples: [number, number][];
  slopeMiBPerMinute: number;
  minMiB: number;
  maxMiB: number;
  meanMiB: number;
  flat: boolean;
  load: WrkResult;
}

/** VmRSS of a process, MiB. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export async function soak(o: {
  baseUrl: string;
  pid: number;
  paths: string[];
  seconds: number;
}): Promise<SoakResult> {
  const every = Math.max(1, Math.min(10, Math.round(o.seconds / 60)));
  const samples: [number, number][] = [[0, rssMiB(o.pid)]];
  const t0 = performance.now();
  const timer = setInterval(() => {
    samples.push([Math.round((performance.now() - t0) / 1000), rssMiB(o.pid)]);
  }, every * 1000);
  let load: WrkResult;
  try {
    load = await wrk({
      baseUrl: o.baseUrl,
      paths: o.paths,
      seconds: o.seconds,
      threads: 2,
      connections: 4,
    });
  } finally {
    clearInterval(timer);
  }
  samples.push([Math.round((performance.now() - t0) / 1000), rssMiB(o.pid)]);
  if (load.requests > o.paths.length) throw new Error('soak: wrk wrapped round its key list');
  return { ...rssSummary(samples, o.seconds), load };
}

/** The samples after warm-up (the first quarter of the run, at most 2 minutes) and whether they are flat. */
export function rssSummary(samples: [number, number][], seconds: number): Omit<SoakResult, 'load'> {
  const warmupSeconds = Math.min(120, seconds / 4);
  const after = samples.filter(([t]) => t >= warmupSeconds);
  const ys = after.map(([, y]) => y);
  const meanMiB = ys.reduce((a, b) => a + b, 0) / ys.length;
  const minMiB = Math.min(...ys);
  const maxMiB = Math.max(...ys);
  const slopeMiBPerMinute = slope(after) * 60;
  return {
    seconds,
    warmupSeconds,
    samples,
    slopeMiBPerMinute,
    minMiB,
    maxMiB,
    meanMiB,
    flat: Math.abs(slopeMiBPerMinute) < 1 && maxMiB - minMiB < 0.25 * meanMiB,
  };
}
