import { Readable } from 'node:stream';
import { contract } from '@slotwise/contracts';
import type { ReportService } from '../../app/reports/reports';
import { principalOf } from '../context';
import { s } from '../server';

export function reportsRouter(reports: ReportService) {
  return s.router(contract.admin.reports, {
    summary: async ({ query, req }) => ({
      status: 200,
      body: await reports.summary(principalOf(req), query),
    }),
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
