/**
 * Before/after of a change in one run: `npm run bench:booking -- --baseline <rev> [--rounds N]`
 * runs the booking benchmark of the commit REV ("before") and of this tree ("after") as child
 * processes with the same arguments, alternating (before, after, after, before, …) so that a
 * machine whose load drifts favours neither, and compares medians. Each figure is also compared
 * as a share of the raw INSERT rate measured in the same child: on a shared machine the load moves
 * both, so that ratio is the steadier one.
 *
 * REV's tree is exported with `git archive` into a temporary folder that borrows this checkout's
 * third-party packages (a baseline that needs a package this checkout lacks cannot run this way)
 * but links its own workspace packages and generates its own Prisma client; it makes its own
 * template database from its own migrations.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../src/paths';

export interface BenchFigures {
  bookingsPerSecond: number;
  p50: number;
  p95: number;
  apiCpuMs: number;
  /** NaN from a tree whose benchmark did not measure it yet. */
  dbCpuMs: number;
  /** Database CPU per booking of the report fold job (ADR 0022); NaN from a tree without it. */
  foldDbCpuMs: number;
  inProcessPerSecond: number;
  writePerSecond: number;
  rawPerSecond: number;
}

export interface Comparison {
  rev: string;
  before: BenchFigures[];
  after: BenchFigures[];
}

export async function compareWithBaseline(
  rev: string,
  args: string[],
  rounds: number,
): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'slotwise-baseline-'));
  try {
    const tar = execFileSync('git', ['-C', paths.root, 'archive', '--format=tar', rev], {
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    linkDependencies(dir);
    const result: Comparison = { rev, before: [], after: [] };
    const before = async () => {
      console.log(`— before (${rev}) —`);
      result.before.push(await runBench(dir, args));
    };
    const after = async () => {
      console.log('— after (this tree) —');
      result.after.push(await runBench(paths.root, args));
    };
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        await before();
        await after();
      } else {
        await after();
        await before();
      }
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * REV borrows this checkout's third-party packages, but not its workspace packages (REV's own
 * contracts, i18n…, so its routes validate against its own schemas) nor its Prisma client
 * (generated from REV's schema, so its queries name only the columns REV's migrations make).
 */
function linkDependencies(dir: string) {
  for (const nm of ['node_modules', 'server/node_modules']) {
    mkdirSync(join(dir, nm), { recursive: true });
    for (const entry of readdirSync(join(paths.root, nm))) {
      if (entry === '@slotwise') continue;
      symlinkSync(join(paths.root, nm, entry), join(dir, nm, entry));
    }
  }
  mkdirSync(join(dir, 'node_modules', '@slotwise'));
  for (const [name, path] of [
    ['contracts', 'packages/contracts'],
    ['i18n', 'packages/i18n'],
    ['sdk', 'packages/sdk'],
    ['server', 'server'],
  ] as const)
    symlinkSync(join(dir, path), join(dir, 'node_modules', '@slotwise', name));
  execFileSync(process.execPath, [join(dir, 'scripts', 'prisma-generate.mjs')], {
    cwd: dir,
    stdio: 'inherit',
  });
}

/** One benchmark run of the tree at `root`, nothing written; its printed figures read back. */
function runBench(root: string, args: string[]): Promise<BenchFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/booking.ts', '--no-write', ...args], {
      cwd: join(root, 'server'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`benchmark in ${root} exited with ${code}`));
      try {
        resolve(parseFigures(out));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Reads the figures back from the console.table the benchmark prints (rows by label). */
export function parseFigures(out: string): BenchFigures {
  const cell = (label: string) => {
    const line = out.split('\n').find((l) => l.includes(`│ ${label}`));
    if (!line) throw new Error(`benchmark output has no row "${label}"`);
    return line.split('│')[2]!;
  };
  const num = (label: string, i = 0) => Number(cell(label).match(/[\d.]+/g)?.[i] ?? NaN);
  return {
    bookingsPerSecond: num('booking throughput'),
    p50: num('booking latency p50 / p95', 0),
    p95: num('booking latency p50 / p95', 1),
    apiCpuMs: num('API CPU per request'),
    dbCpuMs: out.includes('│ database CPU per request') ? num('database CPU per request') : NaN,
    foldDbCpuMs: out.includes('│ report fold (job, ADR 0022)')
      ? num('report fold (job, ADR 0022)')
      : NaN,
    inProcessPerSecond: num('booking use case in-process (no HTTP)'),
    writePerSecond: num('booking write alone'),
    rawPerSecond: num('raw single-row INSERT rate'),
  };
}

/** The middle value, or the mean of the two middle ones (with 2 rounds: their mean). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rows of the comparison: figure, before, after, after/before, and the same per raw INSERT. */
export function comparisonRows(c: Comparison): [string, string, string, string, string][] {
  const rate = (
    label: string,
    pick: (f: BenchFigures) => number,
    digits = 0,
  ): [string, string, string, string, string] => {
    const b = median(c.before.map(pick));
    const a = median(c.after.map(pick));
    const perRaw = (fs: BenchFigures[]) => median(fs.map((f) => pick(f) / f.rawPerSecond));
    const shown = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(digits));
    return [
      label,
      shown(b),
      shown(a),
      Number.isNaN(a / b) ? '–' : `${(a / b).toFixed(2)}×`,
      label.includes('/s') ? `${(perRaw(c.after) / perRaw(c.before)).toFixed(2)}×` : '–',
    ];
  };
  return [
    rate('bookings/s (HTTP, Idempotency-Key)', (f) => f.bookingsPerSecond),
    rate('latency p50 (ms)', (f) => f.p50, 1),
    rate('latency p95 (ms)', (f) => f.p95, 1),
    rate('API CPU per request (ms)', (f) => f.apiCpuMs, 2),
    rate('use case in-process/s', (f) => f.inProcessPerSecond),
    rate('write alone/s', (f) => f.writePerSecond),
    rate('raw INSERT/s (the machine)', (f) => f.rawPerSecond),
    rate('database CPU per request (ms)', (f) => f.dbCpuMs, 2),
    rate('report fold job, database CPU per booking (ms)', (f) => f.foldDbCpuMs, 3),
    rate(
      'database CPU per booking incl. the fold (ms)',
      (f) => f.dbCpuMs + (Number.isNaN(f.foldDbCpuMs) ? 0 : f.foldDbCpuMs),
      2,
    ),
  ];
}
