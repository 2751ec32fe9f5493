import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type ReportSummary } from '@slotwise/contracts';
import { AuthGate } from '../src/admin/auth';
import { ReportsPage } from '../src/admin/pages/ReportsPage';
import { reportSeries } from '../src/admin/pages/reports/series';
import { AdminSession } from '../src/admin/session';
import { ToastProvider } from '../src/admin/ui/kit';
import { I18nProvider, type Locale } from '../src/shared/i18n';
import { reply } from './support/fake-api';

/** The admin "Reports" page against a fake API: the real SDK and session. */
const gbp = (amount: number) => [{ amount, currency: 'GBP' }];
const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );

function summary(o: { payments: boolean; dates: string[] }): ReportSummary {
  return {
    from: o.dates[0]!,
    to: o.dates[o.dates.length - 1]!,
    timeZone: 'Europe/London',
    bookings: {
      total: 10,
      byStatus: {
        pending: 1,
        pending_payment: 0,
        confirmed: 2,
        checked_in: 0,
        completed: 5,
        cancelled: 1,
        no_show: 1,
      },
    },
    revenue: {
      collected: o.payments
        ? { captured: gbp(3000), fees: gbp(1777), refunded: gbp(300), net: gbp(4477) }
        : { captured: [], fees: [], refunded: [], net: [] },
      paymentsInUse: o.payments,
      booked: gbp(40_000),
      completed: gbp(25_000),
      upcoming: gbp(15_000),
      upcomingDue: gbp(14_000),
      noShow: gbp(5000),
    },
    daily: o.dates.map((date, i) => ({
      date,
      bookings: i % 3,
      collected: o.payments && i % 10 === 0 ? gbp(1000) : [],
    })),
    noShowRate: 0.1,
    cancellationRate: 0.125,
    utilisation: [],
    busyHours: [{ weekday: 1, hour: 9, bookings: 3 }],
    topServices: [],
  };
}

let body: ReportSummary;
async function fakeApi(input: string | URL | Request) {
  const p = new URL(String(input)).pathname;
  if (p === '/v1/auth/refresh')
    return new Response(
      JSON.stringify({ accessToken: 'a', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer' }),
      {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      },
    );
  if (p === '/v1/auth/me')
    return new Response(
      JSON.stringify({
        user: { id: 'u', email: 'owner@example.com', name: 'Owner' },
        apiKey: null,
        tenant: {
          id: 't',
          slug: 'studio',
          name: 'Studio',
          timeZone: 'Europe/London',
          currency: 'GBP',
        },
        role: 'owner',
        memberships: [],
      }),
      { status: 200, headers: { 'Content-Type': 'application/json' } },
    );
  if (p === '/v1/admin/reports/summary') return reply(contract.admin.reports.summary, 200, body);
  return new Response(JSON.stringify({ error: { code: 'not_found', message: p } }), {
    status: 404,
  });
}

beforeEach(() => void vi.stubGlobal('fetch', vi.fn(fakeApi)));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup(locale: Locale) {
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <I18nProvider initial={locale}>
        <ToastProvider>
          <AuthGate session={session} booting={<p>booting</p>} anonymous={() => <p>anonymous</p>}>
            <ReportsPage />
          </AuthGate>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('ReportsPage', () => {
  it('shows money collected through payments next to the booking values', async () => {
    body = summary({ payments: true, dates: days('2026-12-01', 14) });
    setup('en');
    const collected = (await screen.findByText('Collected (payments)')).parentElement!;
    expect(within(collected).getByText('£44.77')).toBeInTheDocument();
    expect(
      within(collected).getByText('£30.00 paid + £17.77 fees − £3.00 refunded'),
    ).toBeInTheDocument();
    const due = screen.getByText('Still to come in').parentElement!;
    expect(within(due).getByText('£140.00')).toBeInTheDocument();
    expect(
      within(due).getByText('of £150.00 upcoming, less what is already paid'),
    ).toBeInTheDocument();
    expect(screen.getByText('No-shows (not revenue)').parentElement).toHaveTextContent(
      '1 · £50.00',
    );
    expect(screen.getByText('Collected per day', { selector: 'figcaption' })).toBeInTheDocument();
    expect(screen.getByText('12.5%')).toBeInTheDocument();
  });

  it('says the figures are booking prices when no payments are taken, in Spanish, per month', async () => {
    body = summary({ payments: false, dates: days('2026-10-01', 92) });
    setup('es');
    expect(await screen.findByText(/No se cobran pagos a través de Slotwise/)).toBeInTheDocument();
    expect(screen.queryByText('Cobrado (pagos)')).toBeNull();
    expect(screen.getByText('Reservas por mes', { selector: 'figcaption' })).toBeInTheDocument();
    // Month names by Intl, lower-case in Spanish.
    for (const month of ['octubre de 2026', 'noviembre de 2026', 'diciembre de 2026'])
      expect(screen.getByRole('cell', { name: month })).toBeInTheDocument();
    expect(screen.getByText('12,5 %')).toBeInTheDocument();
    expect(screen.getByText('Valor reservado').parentElement).toHaveTextContent('400,00');
  });
});

describe('reportSeries', () => {
  it('charts up to 62 days per day and longer ranges per month, summing each month', () => {
    const short = reportSeries(
      summary({ payments: true, dates: days('2026-12-01', 62) }).daily,
      'fr',
      'GBP',
    );
    expect([short.byMonth, short.bookings.length]).toEqual([false, 62]);
    const long = reportSeries(
      summary({ payments: true, dates: days('2026-11-01', 61 + 2) }).daily,
      'fr',
      'GBP',
    );
    expect(long.byMonth).toBe(true);
    expect(long.bookings.map((b) => b.label)).toEqual([
      'novembre 2026',
      'décembre 2026',
      'janvier 2027',
    ]);
    // i % 3 over 63 days: November (30 days) holds days 0–29.
    expect(long.bookings[0]!.value).toBe(
      Array.from({ length: 30 }, (_, i) => i % 3).reduce((a, b) => a + b, 0),
    );
    expect(long.collected.map((c) => c.value)).toEqual([3000, 4000, 0]); // every tenth day: days 0, 10, 20 | 30, 40, 50, 60 | none
    expect(long.formatMoney(3000).replace(/\s/g, ' ')).toBe('30,00 £GB'); // Intl's narrow no-break space
  });
});
