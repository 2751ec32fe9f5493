import type { LedgerEntry } from '@slotwise/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney } from '../../shared/money';
import { Link } from '../../shared/router';
import { useAuth } from '../auth';
import { download } from '../download';
import { Card, ErrorNote, PageHeader, Select, TextInput } from '../ui/kit';
import { useI18n } from '../../shared/i18n';

const ENTRIES = ['authorized', 'captured', 'released', 'refunded', 'fee', 'dispute'] as const;
const PHASES = ['pending', 'succeeded', 'failed'] as const;

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // Quotes, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function ledgerCsv(rows: LedgerEntry[]): string {
  const head = ['created_at', 'booking_code', 'customer', 'service', 'entry', 'phase', 'amount', 'currency', 'reason', 'actor', 'operation_key', 'gateway_ref'];
  const lines = rows.map((r) =>
    [r.createdAt, r.booking.code, r.booking.customerName, r.booking.serviceName, r.entry, r.phase, (r.amount / 100).toFixed(2), r.currency, r.reason, r.actor, r.operationKey, r.gatewayRef]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...lines].join('\n') + '\n';
}

/** The append-only payments ledger: every money movement and its outcome, filterable, exportable. */
export function PaymentsPage() {
  const { session } = useAuth();
  const { t, locale } = useI18n();
  const [entry, setEntry] = useState<string>('');
  const [phase, setPhase] = useState<string>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = {
    limit: 100,
    ...(entry ? { entry: entry as (typeof ENTRIES)[number] } : {}),
    ...(phase ? { phase: phase as (typeof PHASES)[number] } : {}),
    ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
    ...(to ? { to: new Date(`${to}T23:59:59`).toISOString() } : {}),
  };
  const ledger = useInfiniteQuery({
    queryKey: ['payments', 'ledger', query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      session.sdk.admin.payments.ledger({ query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } }),
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  });
  const rows = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('admin.payments.title')}
        description={t('admin.payments.description')}
        actions={
          <button type="button" className="btn" disabled={rows.length === 0} onClick={() => download('payments.csv', ledgerCsv(rows), 'text/csv')}>
            {t('admin.payments.export')}
          </button>
        }
      />
      <Card>
        <div className="grid-4" role="search">
          <Select label={t('admin.payments.movement')} value={entry} onChange={(e) => setEntry(e.target.value)}>
            <option value="">{t('admin.payments.all')}</option>
            {ENTRIES.map((x) => (
              <option key={x} value={x}>
                {t(`admin.payments.entry.${x}`)}
              </option>
            ))}
          </Select>
          <Select label={t('admin.payments.outcome')} value={phase} onChange={(e) => setPhase(e.target.value)}>
            <option value="">{t('admin.payments.all')}</option>
            {PHASES.map((x) => (
              <option key={x} value={x}>
                {t(`admin.payments.phase.${x}`)}
              </option>
            ))}
          </Select>
          <TextInput label={t('admin.payments.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextInput label={t('admin.payments.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        {ledger.isError && <ErrorNote error={ledger.error} />}
        <table className="table" data-testid="ledger">
          <thead>
            <tr>
              <th>{t('admin.payments.colWhen')}</th>
              <th>{t('admin.payments.colBooking')}</th>
              <th>{t('admin.payments.movement')}</th>
              <th>{t('admin.payments.outcome')}</th>
              <th className="num">{t('admin.payments.colAmount')}</th>
              <th>{t('admin.payments.colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.createdAt).toLocaleString(locale)}</td>
                <td>
                  <Link to={`/admin/bookings/${r.bookingId}`}>{r.booking.code}</Link> · {r.booking.customerName}
                </td>
                <td>{t(`admin.payments.entry.${r.entry}`)}</td>
                <td>
                  <span className={`badge badge--${r.phase === 'succeeded' ? 'confirmed' : r.phase === 'failed' ? 'cancelled' : 'pending'}`}>{t(`admin.payments.phase.${r.phase}`)}</span>
                </td>
                <td className="num">{formatMoney(r.amount, r.currency, locale)}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
            {rows.length === 0 && !ledger.isPending && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('admin.payments.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {ledger.hasNextPage && (
          <button type="button" className="btn" onClick={() => void ledger.fetchNextPage()}>
            {t('admin.payments.more')}
          </button>
        )}
      </Card>
    </>
  );
}
