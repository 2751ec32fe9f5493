/**
 * The "before" of a before/after comparison in one run: the booking benchmark of another commit,
 * run on this machine just before this one, with the same arguments, and its figures read back.
 * The commit's tree is exported with `git archive` into a temporary folder that borrows this
 * checkout's node_modules and generated Prisma client (so the dependencies are the same: a
 * baseline whose package-lock differs is not comparable this way), and makes its own template
 * database from its own migrations.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../src/paths';

export interface BenchFigures {
  bookingsPerSecond: number;
  p50: number;
  p95: number;
  apiCpuMs: number;
  inProcessPerSecond: number;
  writePerSecond: number;
  rawPerSecond: number;
}

export async function runBaseline(rev: string, args: string[]): Promise<BenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'slotwise-baseline-'));
  try {
    const tar = execFileSync('git', ['-C', paths.root, 'archive', '--format=tar', rev], {
      maxBuffer: 1 << 30,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    for (const p of ['node_modules', 'server/node_modules', 'server/src/generated'])
      symlinkSync(join(paths.root, p), join(dir, p));
    console.log(`baseline: running the booking benchmark of ${rev} first (${dir})`);
    const out = await run(join(dir, 'server'), ['tsx', 'bench/booking.ts', '--no-write', ...args]);
    return parseFigures(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`baseline benchmark exited with ${code}`)),
    );
  });
}

/** Reads the figures back from the console.table the benchmark prints (rows by label). */
export function parseFigures(out: string): BenchFigures {
  const row = (label: string) => {
    const line = out.split('\n').find((l) => l.includes(`│ ${label}`));
    if (!line) throw new Error(`baseline output has no row "${label}"`);
    return line.split('│')[2]!;
  };
  const num = (label: string, i = 0) => Number(row(label).match(/[\d.]+/g)?.[i] ?? NaN);
  return {
    bookingsPerSecond: num('booking throughput'),
    p50: num('booking latency p50 / p95', 1),
    p95: num('booking latency p50 / p95', 2),
    apiCpuMs: num('API CPU per request'),
    inProcessPerSecond: num('booking use case in-process (no HTTP)'),
    writePerSecond: num('booking write alone'),
    rawPerSecond: num('raw single-row INSERT rate'),
  };
}
