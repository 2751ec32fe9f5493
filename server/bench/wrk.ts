/**
 * wrk (https://github.com/wg/wrk), the external load client of the availability benchmark: a C
 * program in its own process, so the client's cost is not taken from the server's event loop
 * and the server under test runs exactly as deployed. Not an npm dependency: it is a system
 * package (`apt-get install wrk`, `brew install wrk`); the benchmark says so when it is missing.
 *
 * Its Lua script sends the given paths in order, one after the other per connection (each
 * thread starting at its own offset), and prints the figures as one JSON line at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WrkResult {
  requests: number;
  seconds: number;
  /** Latency percentiles and max, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses that were not 2xx/3xx, plus connect/read/write errors and timeouts. */
  failures: number;
  bytes: number;
}

const SCRIPT = `
local paths = {}
for line in io.lines(os.getenv("BENCH_WRK_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local id = 0
function setup(thread)
  thread:set("offset", id * math.floor(#paths / tonumber(os.getenv("BENCH_WRK_THREADS"))))
  id = id + 1
  table.insert(threads, thread)
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[((offset or 0) + i - 1) % #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"seconds":%.6f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"failures":%d,"bytes":%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, summary.bytes))
end
`;

/** Throws with how to install wrk when it is not on the PATH. */
export function requireWrk(): void {
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (r.error)
    throw new Error(
      'wrk is not installed: the availability benchmark drives the server with it as an external client. ' +
        'Install it (Debian/Ubuntu: apt-get install -y wrk; macOS: brew install wrk) and run again.',
    );
}

/**
 * `connections` keep-alive connections on `threads` threads send `paths` (in order, wrapping
 * round) to `baseUrl` for `seconds`.
 */
export async function wrk(o: {
  baseUrl: string;
  paths: string[];
  seconds: number;
  connections?: number;
  threads?: number;
}): Promise<WrkResult> {
  const threads = o.threads ?? 1;
  const connections = Math.max(threads, o.connections ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'slotwise-wrk-'));
  try {
    writeFileSync(join(dir, 'paths.txt'), `${o.paths.join('\n')}\n`);
    writeFileSync(join(dir, 'script.lua'), SCRIPT);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [
          `-t${threads}`,
          `-c${connections}`,
          `-d${Math.max(1, Math.round(o.seconds))}s`,
          '--timeout',
          '60s',
          '-s',
          join(dir, 'script.lua'),
          o.baseUrl,
        ],
        {
          env: {
            ...process.env,
            BENCH_WRK_PATHS: join(dir, 'paths.txt'),
            BENCH_WRK_THREADS: String(threads),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`)),
      );
    });
    const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${out}`);
    return JSON.parse(line.slice('WRK_RESULT '.length)) as WrkResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
