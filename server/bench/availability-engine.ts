/**
 * Micro-benchmark of the pure slot engine (no I/O): 30-day window, 20 providers working 09-17
 * every day, 30-min slots, 3,000 existing bookings and 1,000 external busy intervals.
 * Run: cd server && npx tsx bench/availability-engine.ts [runs]
 * Reported: median / p95 / max over `runs` calls after a warm-up, plus the first (cold) call.
 */
import {
  computeSlots,
  groupSlotsByLocalDate,
  type AvailabilityQuery,
  type ExistingBooking,
} from '../src/domain/availability';
import { rng, stats } from './support';

function benchmarkQuery(zones: readonly string[]): AvailabilityQuery {
  const rand = rng(42);
  const zone = zones[0]!;
  const providers = Array.from({ length: 20 }, (_, i) => ({
    id: `prov-${String(i).padStart(2, '0')}`,
    timeZone: zones[i % zones.length]!,
    sortOrder: i,
  }));
  const rules = providers.flatMap((p) =>
    ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
      providerId: p.id,
      weekday,
      startTime: '09:00',
      endTime: '17:00',
      serviceIds: null,
    })),
  );
  const windowStart = Date.UTC(2026, 2, 1); // 2026-03-01 .. 2026-03-30 (crosses the UK DST change)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bookings: ExistingBooking[] = Array.from({ length: 3000 }, () => {
    const day = Math.floor(rand() * 30);
    const start = windowStart + day * 86_400_000 + (8 * 60 + Math.floor(rand() * 16) * 30) * 60_000;
    return {
      providerId: pick(providers).id,
      serviceId: pick(['svc', 'other']),
      start,
      end: start + 30 * 60_000,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      seats: 1,
    };
  });
  const busy = Array.from({ length: 1000 }, () => {
    const start = windowStart + Math.floor(rand() * 30 * 96) * 15 * 60_000;
    return {
      providerId: pick(providers).id,
      start,
      end: start + (1 + Math.floor(rand() * 8)) * 15 * 60_000,
    };
  });
  return {
    service: {
      id: 'svc',
      durationMinutes: 30,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 5,
      capacity: 1,
      minNoticeMinutes: 60,
      maxAdvanceDays: 90,
      slotIntervalMinutes: null,
    },
    providers,
    rules,
    overrides: [],
    blackouts: [{ startDate: '2026-03-15', endDate: '2026-03-15' }],
    bookings,
    busy,
    tenantTimeZone: zone,
    from: '2026-03-01',
    to: '2026-03-30',
    viewerTimeZone: 'America/New_York',
    now: Date.UTC(2026, 1, 27, 12),
  };
}

const runs = Number(process.argv[2] ?? 200);
const fmt = (x: { median: number; p95: number; max: number }) =>
  `median ${x.median.toFixed(2)} ms, p95 ${x.p95.toFixed(2)} ms, max ${x.max.toFixed(2)} ms`;

function run(label: string, q: AvailabilityQuery): void {
  const cold0 = performance.now();
  let slots = computeSlots(q);
  const cold = performance.now() - cold0;
  for (let i = 0; i < 20; i++) computeSlots(q); // warm-up (JIT, zone offset memo)
  const engine: number[] = [];
  const engineCpu: number[] = [];
  const grouped: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    slots = computeSlots(q);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    groupSlotsByLocalDate(slots, q.viewerTimeZone);
    engine.push(t1 - t0);
    engineCpu.push((c1.user + c1.system) / 1000);
    grouped.push(performance.now() - t0);
  }
  console.log(
    `${label}: 20 providers, 30 days, 30-min slots, ${q.bookings.length} bookings, ${q.busy.length} busy -> ${slots.length} distinct starts`,
  );
  console.log(`  first call (cold): ${cold.toFixed(2)} ms`);
  console.log(`  computeSlots x${runs}: ${fmt(stats(engine))}`);
  // CPU time is immune to being descheduled when the machine is shared; wall time is not.
  console.log(`  computeSlots CPU time: ${fmt(stats(engineCpu))}`);
  console.log(`  computeSlots + groupSlotsByLocalDate x${runs}: ${fmt(stats(grouped))}`);
}

run('one zone (Europe/London)', benchmarkQuery(['Europe/London']));
// Offsets that are not whole hours give every zone its own grid: more distinct starts to union.
run(
  'four zones',
  benchmarkQuery(['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu']),
);
