import { Readable } from 'node:stream';
import { contract } from '@slotwise/contracts';
import type { ReportService } from '../../app/reports/reports';
import type { LocationCatalogue } from '../../app/catalogue/locations';
import { principalOf } from '../context';
import { s } from '../server';

export function reportsRouter(
  reports: ReportService,
  locations: Pick<LocationCatalogue, 'reportProviderIds'>,
) {
  return s.router(contract.admin.reports, {
    // A location is the set of providers working there (ADR 0019): the report filters by them.
    summary: async ({ query, req }) => {
      const { locationId, ...range } = query;
      const providerIds = locationId
        ? await locations.reportProviderIds(principalOf(req), locationId)
        : undefined;
      return {
        status: 200,
        body: await reports.summary(principalOf(req), range, { providerIds }),
      };
    },
    bookingsCsv: async ({ query, req, res }) => {
      const csv = await reports.bookingsCsv(principalOf(req), query);
      const stream = Readable.from(csv.chunks, { objectMode: false });
      // Headers are gone by the time a later batch fails: cutting the connection is the only
      // honest signal left (the client sees a truncated download, never a "complete" file).
      stream.on('error', (err) => {
        (req as { log?: { error: (o: object, m: string) => void } }).log?.error(
          { err },
          'bookings CSV failed mid-stream',
        );
        res.destroy(err);
      });
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`);
      // ts-rest's express adapter pipes a Stream body; the contract types what the client receives.
      return { status: 200, body: stream as unknown as string };
    },
  });
}
