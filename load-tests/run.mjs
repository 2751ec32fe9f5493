#!/usr/bin/env node
// Runs an artillery scenario of load-tests/scenarios against a Slotwise API.
// Installs artillery into load-tests/ on first use (it is ~600 MB and kept out of the root install).
//
//   node load-tests/run.mjs [scenario] [--target <url>] [--tenant <slug>] [--output <report.json>]
//                           [--rate <arrivals/s>] [--duration <s>] [-- <extra artillery run args>]
//
// Node built-ins only: this must run before anything is installed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const scenariosDir = join(here, 'scenarios');
const artilleryBin = join(here, 'node_modules', '.bin', 'artillery');
const artilleryEntry = join(here, 'node_modules', 'artillery', 'bin', 'run');
const isWindows = process.platform === 'win32';

const usage = `Usage: node load-tests/run.mjs [scenario] [options] [-- <artillery run args>]

Scenarios: ${scenarioNames().join(', ')} (default booking-journey)

Options:
  --target <url>      API base URL (env SLOTWISE_URL; default http://localhost:3000)
  --tenant <slug>     business slug (env SLOTWISE_TENANT; default demo, seeded by npm start)
  --output <file>     also write artillery's JSON report there
  --rate <n>          arrivals per second of the sustained phase (env SLOTWISE_LOAD_RATE; default 5)
  --duration <s>      length of the sustained phase (env SLOTWISE_LOAD_DURATION; default 30)
  --scenario <name>   same as the positional argument
  --no-install        fail instead of installing artillery when it is missing
  -h, --help          this help

Arguments after -- go to \`artillery run\` unchanged (e.g. -- --quiet).`;

function scenarioNames() {
  try {
    return readdirSync(scenariosDir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.slice(0, -4))
      .sort();
  } catch {
    return [];
  }
}

function fail(message) {
  console.error(`load-tests: ${message}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      tenant: { type: 'string' },
      output: { type: 'string', short: 'o' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      scenario: { type: 'string' },
      'no-install': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  fail(`${err.message}\n\n${usage}`);
}
const { values: opts, positionals } = parsed;
if (opts.help) {
  console.log(usage);
  process.exit(0);
}

// parseArgs keeps everything after `--` as positionals; split them off from ours.
const dashDash = process.argv.indexOf('--');
const passthrough = dashDash === -1 ? [] : process.argv.slice(dashDash + 1);
const ownPositionals = positionals.slice(0, positionals.length - passthrough.length);
if (ownPositionals.length > 1) fail(`one scenario at a time (got ${ownPositionals.join(', ')})`);

const scenario = (opts.scenario ?? ownPositionals[0] ?? 'booking-journey').replace(/\.ya?ml$/, '');
const scenarioFile = join(scenariosDir, `${scenario}.yml`);
if (!existsSync(scenarioFile)) {
  fail(`no scenario "${scenario}" in ${scenariosDir} (have: ${scenarioNames().join(', ')})`);
}

const target = (opts.target ?? process.env.SLOTWISE_URL ?? 'http://localhost:3000').replace(
  /\/+$/,
  '',
);
try {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
} catch {
  fail(`--target must be an http(s) URL, got "${target}"`);
}
const tenant = opts.tenant ?? process.env.SLOTWISE_TENANT ?? 'demo';
if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(tenant)) fail(`not a tenant slug: "${tenant}"`);

function positiveNumber(name, raw) {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a positive number, got "${raw}"`);
  return n;
}
const rate = positiveNumber('--rate', opts.rate ?? process.env.SLOTWISE_LOAD_RATE);
const duration = positiveNumber('--duration', opts.duration ?? process.env.SLOTWISE_LOAD_DURATION);

function run(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(signal ? 128 : (code ?? 1)));
  });
}

// (a) Install artillery on demand, into load-tests/ only.
if (!existsSync(artilleryBin) || !existsSync(artilleryEntry)) {
  if (opts['no-install']) fail('artillery is not installed (run npm ci in load-tests/)');
  const hasLock = existsSync(join(here, 'package-lock.json'));
  const npmArgs = [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund'];
  console.log(
    `load-tests: installing artillery (npm ${npmArgs[0]} in ${here}; a few minutes, ~600 MB)`,
  );
  const code = await run(isWindows ? 'npm.cmd' : 'npm', npmArgs, {
    cwd: here,
    shell: isWindows,
    // artillery-engine-playwright pulls @playwright/browser-chromium, whose install script would
    // download a browser; the HTTP scenarios never use it.
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (code !== 0 || !existsSync(artilleryEntry))
    fail(`installing artillery failed (npm exited ${code})`);
}

// Fail fast, with a useful message, when the API is not there.
try {
  const res = await fetch(`${target}/v1/public/tenants/${tenant}`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 404)
    fail(`${target} has no tenant "${tenant}" (use --tenant or SLOTWISE_TENANT)`);
  if (!res.ok)
    console.warn(`load-tests: warning: GET /v1/public/tenants/${tenant} answered ${res.status}`);
  const limit = res.headers.get('ratelimit-limit');
  if (limit) {
    console.warn(
      `load-tests: warning: public rate limit is on (${limit} requests/min per IP); expect 429s.\n` +
        '  Start the server with RATE_LIMITS_ENABLED=false (or a higher RATE_LIMIT_PUBLIC_PER_MINUTE and\n' +
        '  RATE_LIMIT_AUTH_PER_MINUTE) for a load test. See load-tests/README.md.',
    );
  }
} catch (err) {
  fail(
    `cannot reach ${target} (${err.cause?.code ?? err.message}). Start the API (npm start) or pass --target.`,
  );
}

// (b) Run the scenario.
const reportFile = opts.output
  ? resolve(process.cwd(), opts.output)
  : join(tmpdir(), `slotwise-load-${scenario}-${process.pid}.json`);
mkdirSync(dirname(reportFile), { recursive: true });

const artilleryArgs = [
  'run',
  scenarioFile,
  '--target',
  target,
  '--variables',
  JSON.stringify({ tenant }),
  '--output',
  reportFile,
];
if (rate !== undefined || duration !== undefined) {
  const sustainedRate = rate ?? 5;
  const phases = [
    { name: 'warm-up', duration: 10, arrivalRate: 1, rampTo: Math.max(1, sustainedRate) },
    { name: 'sustained', duration: duration ?? 30, arrivalRate: sustainedRate },
  ];
  artilleryArgs.push('--overrides', JSON.stringify({ config: { phases } }));
}
artilleryArgs.push(...passthrough);

console.log(`load-tests: ${scenario} against ${target} (tenant ${tenant})`);
const started = Date.now();
const exitCode = await run(process.execPath, [artilleryEntry, ...artilleryArgs], {
  env: {
    ...process.env,
    // No phoning home from load generators (the machine may have no internet at all).
    ARTILLERY_DISABLE_TELEMETRY: process.env.ARTILLERY_DISABLE_TELEMETRY ?? 'true',
  },
});

printSummary();
if (!opts.output) rmSync(reportFile, { force: true });
process.exit(exitCode);

function printSummary() {
  let report;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    console.log(`\nload-tests: ${scenario} exited ${exitCode}; no report was written`);
    return;
  }
  const counters = report.aggregate?.counters ?? {};
  const rt = report.aggregate?.summaries?.['http.response_time'] ?? {};
  const codes = Object.entries(counters)
    .filter(([k]) => k.startsWith('http.codes.'))
    .map(([k, v]) => `${k.slice('http.codes.'.length)}: ${v}`)
    .join(', ');
  const errors = Object.entries(counters)
    .filter(([k]) => k.startsWith('errors.'))
    .map(([k, v]) => `${k.slice('errors.'.length)}: ${v}`);
  const custom = Object.entries(counters)
    .filter(([k]) => k.startsWith('slotwise.'))
    .map(([k, v]) => `  ${k.slice('slotwise.'.length)}: ${v}`);
  const checks = exitCode === 0 ? 'passed' : `FAILED (artillery exited ${exitCode})`;
  const lines = [
    '',
    `Slotwise load test: ${scenario} against ${target}, tenant ${tenant}, ${Math.round((Date.now() - started) / 1000)} s`,
    `  requests: ${counters['http.requests'] ?? 0} (${codes || 'no responses'})`,
    `  response time ms: median ${rt.median ?? '-'}, p95 ${rt.p95 ?? '-'}, p99 ${rt.p99 ?? '-'}, max ${rt.max ?? '-'}`,
    `  virtual users: ${counters['vusers.created'] ?? 0} created, ${counters['vusers.completed'] ?? 0} completed, ${counters['vusers.failed'] ?? 0} failed`,
    ...(custom.length ? ['  scenario counters:', ...custom.map((l) => `  ${l}`)] : []),
    ...(errors.length ? [`  errors: ${errors.join(', ')}`] : []),
    `  checks (ensure): ${checks}`,
    ...(opts.output ? [`  report: ${reportFile}`] : []),
  ];
  console.log(lines.join('\n'));
}
