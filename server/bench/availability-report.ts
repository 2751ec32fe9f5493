/** The "## Availability" section of docs/performance.md, from one run of bench/availability.ts. */
import { cpus, loadavg } from 'node:os';
import type { SoakResult } from './availability-soak';
import { writeSection } from './support';
import type { WrkResult } from './wrk';

/** A phase of uncached requests, with the API process's CPU time per request (utime + stime). */
export type Uncached = WrkResult & { cpuMs: number };

export interface TargetRound {
  health: WrkResult;
  /** `/health/ready`: the same stack plus one database round trip (`SELECT 1` on the pool). */
  ready: WrkResult;
  cached: WrkResult;
  uncached30x20: Uncached;
  uncached62x500: Uncached;
}

export interface GrowthRow {
  axis: string;
  value: string;
  providers: number;
  days: number;
  r: Uncached;
  health: WrkResult;
  sqlMs: number;
}

export interface Machine {
  at: string;
  cpus: number;
  node: string;
  loadStart: number[];
}

const startLoad = loadavg();
export const machine = (): Machine => ({
  at: new Date().toISOString().slice(0, 16).replace('T', ' '),
  cpus: cpus().length,
  node: process.versions.node,
  loadStart: startLoad,
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));
const kib = (r: WrkResult) => (r.requests ? (r.bytes / r.requests / 1024).toFixed(0) : '–');
const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');

export function writeAvailabilitySection(
  file: string,
  rep: {
    rounds: TargetRound[];
    growth: GrowthRow[];
    misses: { expected: number; calls: number; phases: number };
    soak?: SoakResult;
    machine: Machine;
  },
  o: { SECONDS: number; GROWTH_SECONDS: number },
) {
  const { rounds, growth, misses, soak, machine: m } = rep;
  const ratios = (pick: (r: TargetRound) => WrkResult) =>
    rounds.map((r) => pick(r).p95 / r.health.p95);
  const targets: [
    string,
    (r: TargetRound) => WrkResult,
    (x: number, r: TargetRound) => boolean,
    string,
  ][] = [
    ['cached, 30 d × 20 providers', (r) => r.cached, (x) => x <= 1.5, 'p95 ≤ 1.5× health p95'],
    ['uncached, 30 d × 20 providers', (r) => r.uncached30x20, (x) => x <= 3, 'p95 ≤ 3× health p95'],
    [
      'uncached, 62 d × 500 providers',
      (r) => r.uncached62x500,
      (_x, r) => r.uncached62x500.p95 <= 250,
      'p95 ≤ 250 ms',
    ],
  ];
  const roundRows = rounds.map(
    (r, i) =>
      `| ${i + 1} | ${ms(r.health.p50)} / ${ms(r.health.p95)} | ${ms(r.ready.p50)} / ${ms(r.ready.p95)} | ${ms(r.cached.p50)} / ${ms(r.cached.p95)} (×${(r.cached.p95 / r.health.p95).toFixed(1)}) | ` +
      `${ms(r.uncached30x20.p50)} / ${ms(r.uncached30x20.p95)} (×${(r.uncached30x20.p95 / r.health.p95).toFixed(1)}) | ` +
      `${ms(r.uncached62x500.p50)} / ${ms(r.uncached62x500.p95)} (CPU ${ms(r.uncached62x500.cpuMs)}) | ${r.cached.requests} / ${r.uncached30x20.requests} / ${r.uncached62x500.requests} |`,
  );
  const verdicts = targets.map(([label, pick, met, target]) => {
    const metIn = rounds.filter((r) => met(pick(r).p95 / r.health.p95, r)).length;
    const x = median(ratios(pick));
    const p95 = median(rounds.map((r) => pick(r).p95));
    const overReady = median(rounds.map((r) => pick(r).p95 / r.ready.p95));
    return `- ${label}: median over rounds p95 ${ms(p95)} ms, ×${x.toFixed(1)} the health p95 (×${overReady.toFixed(1)} the ready probe's) — target ${target}: **${metIn === rounds.length ? 'met' : metIn === 0 ? 'missed' : `met in ${metIn} of ${rounds.length} rounds`}**.`;
  });
  const growthRows = growth.map(
    (g) =>
      `| ${g.axis} | ${g.value} | ${g.providers} | ${g.days} | ${g.r.requests} | ${ms(g.r.p50)} | ${ms(g.r.p95)} | ×${(g.r.p95 / g.health.p95).toFixed(0)} | ${ms(g.r.cpuMs)} | ${ms(g.sqlMs)} | ${kib(g.r)} |`,
  );
  const soakText = soak
    ? [
        `### Memory under a ${Math.round(soak.seconds / 60)}-minute uncached load`,
        '',
        `wrk, 2 threads × 4 connections, ${soak.load.requests.toLocaleString('en')} requests in ${soak.load.seconds.toFixed(0)} s ` +
          `(${(soak.load.requests / soak.load.seconds).toFixed(0)}/s, p50 ${ms(soak.load.p50)} ms, p95 ${ms(soak.load.p95)} ms, ${soak.load.failures} failed), ` +
          `each a key not asked before: 14 tenants (12 with 2–19 providers in zones around the world, the 20-provider tenant, and ` +
          `the 500-provider tenant with 300k bookings: every 60th request is its 62-day window, ~${(soak.load.bytes / soak.load.requests / 1024).toFixed(0)} KiB ` +
          `per response on average), windows of 1–62 days starting 1–88 days ahead, viewer zones of every IANA zone.`,
        `RSS of the server process (/proc/<pid>/status VmRSS), MiB, sampled every ${soak.samples[1]?.[0] ?? '–'} s; warm-up = the first ${soak.warmupSeconds} s:`,
        '',
        '| t (s) | ' +
          thin(soak.samples)
            .map(([t]) => t)
            .join(' | ') +
          ' |',
        '| --- | ' +
          thin(soak.samples)
            .map(() => '---:')
            .join(' | ') +
          ' |',
        '| RSS (MiB) | ' +
          thin(soak.samples)
            .map(([, y]) => y.toFixed(0))
            .join(' | ') +
          ' |',
        '',
        `After warm-up: ${soak.samples.filter(([t]) => t >= soak.warmupSeconds).length} samples, min ${soak.minMiB.toFixed(0)}, ` +
          `max ${soak.maxMiB.toFixed(0)}, mean ${soak.meanMiB.toFixed(0)} MiB, least-squares slope ${soak.slopeMiBPerMinute.toFixed(2)} MiB/min — ` +
          `flat (|slope| < 1 MiB/min and range < 25 % of the mean): **${soak.flat ? 'yes' : 'no'}**.`,
        '',
      ]
    : ['The RSS soak was skipped in this run (`--soak-seconds 0`).', ''];
  const section = [
    '## Availability',
    '',
    '`npm run bench:availability` (server/bench/availability.ts): the built server (`node server/dist/main.js`,',
    '`NODE_ENV=production`, `RUN_WORKERS=false`, rate limits off) in its own process on its own database cloned from the',
    'migrated template, driven by **wrk** (an external C client; `apt-get install wrk`) over keep-alive connections.',
    `Measured ${m.at} UTC on ${process.platform}/${process.arch}, ${m.cpus} vCPUs shared with other engineers' builds and tests,`,
    `Node ${m.node}; 1/5/15-minute load average ${la(m.loadStart)} at the start and ${la(loadavg())} at the end.`,
    'Read the ratios, not the absolute figures: each compares phases of the same run on the same server.',
    '',
    'Datasets: a 20-provider tenant (Europe/London, 09:00–17:00 every day; a 30-min service with 5 + 5 min buffers and',
    '60 min notice; 5 bookings per provider-day and 3,000 external busy intervals over the next 90 days, so any',
    '30-day window holds about 3,000 bookings and 1,000 busy intervals), and a 500-provider tenant (UTC, 09:00–17:00',
    'every day; 30-min services offered by its first 1, 20, 100 and 500 providers; 0 → 300,000 bookings spread over',
    '300 days back and 90 ahead, one per provider, day and half hour, so a 62-day window of 500 providers holds about',
    'a sixth of them).',
    '',
    `### Targets (${rounds.length} interleaved rounds of ${o.SECONDS} s per phase, one connection, back to back)`,
    '',
    '| round | health p50 / p95 (ms) | ready p50 / p95 (ms) | cached 30 d × 20 p50 / p95 (ms) | uncached 30 d × 20 p50 / p95 (ms) | uncached 62 d × 500 p50 / p95 (API CPU) (ms) | requests (cached / 30×20 / 62×500) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...roundRows,
    '',
    ...verdicts,
    '',
    '"Health" is `GET /health/live` (the whole middleware stack, no database), the baseline the targets are stated',
    'against; "ready" is `GET /health/ready`, the same plus one round trip to PostgreSQL (`SELECT 1` on the pool): the',
    'floor of any request that reads the database, as every availability request does (a hit validates its entry by',
    'one query).',
    '',
    `Uncached means uncached: each uncached request is a key (tenant, service, window, viewer zone) the run never asked`,
    'before — windows start 1 to 88 days ahead and the viewer zone runs through every IANA zone, shuffled — and the',
    `slot cache answers only its exact key. PostgreSQL counted ${misses.calls.toLocaleString('en')} availability_snapshot_occupied calls by the server`,
    `(pg_stat_user_functions; two per computed answer of these appointment services, one in each half of the split read, ADR 0024)`,
    `for ${misses.expected.toLocaleString('en')} uncached requests plus one first miss per cached phase (at most ${misses.phases} more are requests in flight`,
    `when wrk stopped a phase): ` +
      `${misses.calls >= 2 * misses.expected && misses.calls <= 2 * (misses.expected + misses.phases) ? 'every uncached request missed' : 'NOT matching, so some requests counted as uncached may have hit'}.`,
    '',
    `### Growth curve (uncached, ${o.GROWTH_SECONDS} s per point, one connection)`,
    '',
    'Bookings grow in the 500-provider tenant (62-day window of 500 providers); providers and days are then measured at',
    '300,000 bookings. "SQL" is the snapshot alone (`availability_snapshot` called directly from the benchmark, median of',
    '7): what PostgreSQL costs of a miss. "× health" is the point\'s p95 over the health p95 measured just before the axis.',
    '"API CPU" is the server process\'s CPU time (user + system, /proc/<pid>/stat) over the phase per request: what a',
    "miss costs Node whatever the machine's load, where latency also counts the waits for a CPU.",
    '',
    '| axis | value | providers | days | requests | p50 (ms) | p95 (ms) | × health p95 | API CPU (ms) | SQL (ms) | KiB / response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...growthRows,
    '',
    ...soakText,
  ].join('\n');
  writeSection(file, 'Availability', `${section}\n${NOTES}`);
}

/** At most ~25 samples for the table, always the first and the last. */
function thin(samples: [number, number][]): [number, number][] {
  const step = Math.max(1, Math.ceil(samples.length / 25));
  return samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
}

const NOTES = `### What the read path does

- **Round trips**: one per miss, made of two statements sent at once on two pool connections (ADR 0024). A key
  with no cache entry goes straight to the snapshot, which brings the tenant's data version read in the same
  statement (ADR 0023); the version query runs only when an entry is there to validate. A known slug asked in the
  viewer's zone needs no tenant row first (the snapshot brings the business zone).
- **Loader**: \`availability_snapshot(..., true, p_part)\` (\`p_public\`) on the pool (PL/pgSQL, plan kept per
  connection; ADR 0006). For an appointment service (capacity 1, one provider, no resources) the read is split:
  the \`'schedule'\` half is the service, active providers, rules, overrides, blackouts and busy time near the
  window and the bookings of the first fifth of the providers; the \`'occupied'\` half, a statement of its own, is
  the bookings of the others (both through \`availability_snapshot_occupied\`), each active booking as its
  occupied range only (provider by position, start − buffer, end + buffer: all the engine does with it
  there; ADR 0023), in range order so the engine merges instead of sorting. Both halves carry the data version and
  the provider list (\`availability_snapshot_providers\`, one definition, each provider read by its key); the app joins them only when both match,
  else reads the whole document in one statement; the engine reads both halves' columns as they came, no object
  per booking (\`OccupiedRanges\`). Booking creation, classes and team services read the whole
  document with every column. Bookings and busy time are columns of integers in ms from the window's start. The
  booking scan is bounded on both sides: an occupied range is at most 3 days (CHECK
  \`bookings_occupied_at_most_3_days\`), so an overlapping booking's occupied start is in \`[lo − 3 days, hi)\`, one
  range per provider of \`bookings_availability_scan_idx\`, which carries every column the scan reads (an index-only
  scan where the visibility map allows; migration \`20261209100000_availability_scan_covering\`). Busy time has
  no maximum length, so its scan is bounded by \`end_at\` only, but \`external_busy_availability_idx\` carries
  \`start_at\`: both bounds are tested on the index tuple, index-only (migration
  \`20261212100000_external_busy_covering\`; before it, a heap visit per interval ending after the window's start). Parts a service
  does not have (team, limits) are functions called only when it has them: every part of a statement costs its
  executor set-up on every call, run or not.
- **Engine**: pure, no luxon per slot (memoised zone offsets).
- **Presenter**: the response is written as JSON straight from the engine's slots (\`server/src/http/availability-json.ts\`,
  byte-identical to the object presenter + \`JSON.stringify\`, property-tested) and sent as bytes; slot instants
  are formatted with the UTC date part computed once per day and each time of day once per answer, not a \`Date\`
  and \`toISOString\` each; the bytes end the response in one write. Slots carry
  \`providerCount\`, and \`providerIds\` only when asked for (\`providers=ids\`, or a \`providerId\`; ADR 0021): the
  benchmark's queries ask for neither, as a calendar does.
- **Cache**: per process, the serialised bytes, validated by the tenant's data version (one query per request that
  finds an entry; an entry written on a miss carries the version its snapshot was read at) and
  bounded by bytes (32 MiB), entries (10,000) and age (60 s); no single answer over a quarter of the budget
  (a 62-day answer of 500 providers with ids, ~19 MiB, is never cached; without ids it is ~190 KiB). The in-process
  queue's dedupe set is pruned.
`;
