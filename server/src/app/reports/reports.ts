import {
  BOOKINGS_CSV_COLUMNS,
  DEFAULT_REPORT_FUTURE_DAYS,
  DEFAULT_REPORT_PAST_DAYS,
  MAX_REPORT_DAYS,
  type ReportRange,
  type ReportSummaryQuery,
} from '@slotwise/contracts';
import { money, toDecimalString } from '../../domain/money';
import {
  addDays,
  instantToLocalDate,
  localDateRangeToInstants,
  localDateToEpochDay,
  toLocalIso,
} from '../../domain/time';
import type { Clock } from '../../ports/clock';
import { validationFailed } from '../errors';
import type { BookingExportRow } from '../../ports/records';
import type { UnitOfWork } from '../../ports/repositories';
import type { Principal } from '../principal';
import { csvLine } from './csv';
import { summarise } from './summary';

/** Rows per query while streaming the CSV: bounded memory and short transactions. */
export const CSV_BATCH = 2000;

function csvRow(b: BookingExportRow, zone: string): string {
  return csvLine([
    b.id,
    b.confirmationCode,
    b.status,
    toLocalIso(b.startAt.getTime(), zone),
    toLocalIso(b.endAt.getTime(), zone),
    b.serviceName,
    b.providerName,
    b.customerName,
    b.customerEmail,
    b.customerPhone,
    toDecimalString(money(b.priceCents, b.currency)),
    b.currency,
    b.source,
    b.createdAt.toISOString(),
  ]);
}

/** Reports over bookings starting in a range of local dates (the business's zone). */
export function reportService(deps: { uow: UnitOfWork; clock?: Clock }) {
  const { uow } = deps;
  const clock = deps.clock ?? { now: () => new Date() };

  /** Missing ends default around today in the business zone: the past month and coming weeks. */
  const withDefaults = (q: ReportSummaryQuery, zone: string): ReportRange => {
    const today = instantToLocalDate(clock.now().getTime(), zone);
    const range = {
      from: q.from ?? addDays(today, -DEFAULT_REPORT_PAST_DAYS),
      to: q.to ?? addDays(today, DEFAULT_REPORT_FUTURE_DAYS),
    };
    const days = localDateToEpochDay(range.to) - localDateToEpochDay(range.from) + 1;
    if (days < 1 || days > MAX_REPORT_DAYS)
      throw validationFailed([
        {
          path: 'query.to',
          message: `With the default for the missing end, the range must run forward over at most ${MAX_REPORT_DAYS} days`,
        },
      ]);
    return range;
  };

  const instants = (range: ReportRange, zone: string) => {
    const { start, end } = localDateRangeToInstants(range.from, range.to, zone);
    return { start: new Date(start), end: new Date(end) };
  };

  return {
    /**
     * `providerIds` narrows every figure to those providers' bookings and money (what a filter
     * by location maps onto); absent, the whole business.
     */
    summary: (
      p: Principal,
      query: ReportSummaryQuery,
      opts: { providerIds?: readonly string[] } = {},
    ) =>
      uow.run(
        p.tenantId,
        async (r) => {
          const { timeZone } = await r.tenant.get();
          const range = withDefaults(query, timeZone);
          const agg = await r.reports.aggregates({
            timeZone,
            fromDate: range.from,
            toDate: range.to,
            ...(opts.providerIds ? { providerIds: opts.providerIds } : {}),
          });
          return summarise(agg, { ...range, timeZone });
        },
        // The aggregate queries see one snapshot, so the figures add up.
        { isolationLevel: 'RepeatableRead' },
      ),

    /**
     * The CSV as a lazy sequence of chunks, read in keyset batches, each in its own short
     * transaction (a slow download never holds a connection). The first batch is read before
     * returning, so a failure surfaces as an error response rather than a truncated file.
     */
    async bookingsCsv(p: Principal, range: ReportRange) {
      const { timeZone, first, start, end } = await uow.run(p.tenantId, async (r) => {
        const { timeZone } = await r.tenant.get();
        const { start, end } = instants(range, timeZone);
        return {
          timeZone,
          start,
          end,
          first: await r.reports.bookingRows({ start, end, after: null, limit: CSV_BATCH }),
        };
      });
      async function* chunks() {
        yield csvLine(BOOKINGS_CSV_COLUMNS);
        let rows = first;
        for (;;) {
          if (rows.length) yield rows.map((b) => csvRow(b, timeZone)).join('');
          const last = rows[rows.length - 1];
          if (rows.length < CSV_BATCH || !last) return;
          const after = { startAt: last.startAt, id: last.id };
          rows = await uow.run(p.tenantId, (r) =>
            r.reports.bookingRows({ start, end, after, limit: CSV_BATCH }),
          );
        }
      }
      return { filename: `bookings-${range.from}-to-${range.to}.csv`, chunks: chunks() };
    },
  };
}
export type ReportService = ReturnType<typeof reportService>;
