import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthGate } from '../src/admin/auth';
import { CalendarSyncPage } from '../src/admin/pages/CalendarSyncPage';
import { AdminSession } from '../src/admin/session';
import { ToastProvider } from '../src/admin/ui/kit';
import { I18nProvider } from '../src/shared/i18n';

/** The admin "Calendar sync" page against a fake API: the real SDK and session. */
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';

let calls: { method: string; path: string; body: unknown }[];
let connections: Record<string, unknown>[];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const provider = (id: string, name: string) => ({
  id,
  name,
  kind: 'staff',
  email: null,
  bio: '',
  timeZone: 'UTC',
  color: null,
  active: true,
  sortOrder: 0,
  serviceIds: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const connection = (over: Record<string, unknown> = {}) => ({
  id: C1,
  providerId: P1,
  vendor: 'google',
  accountEmail: 'dana@example.com',
  status: 'active',
  busyCalendarIds: ['dana@example.com'],
  bookingCalendarId: 'dana@example.com',
  inviteCustomers: false,
  lastSyncedAt: '2026-01-02T10:00:00.000Z',
  lastError: null,
  lastErrorAt: null,
  brokenAt: null,
  nextPollAt: '2026-01-02T10:15:00.000Z',
  nextRenewalAt: '2026-01-08T10:00:00.000Z',
  calendars: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
  const p = url.pathname;
  calls.push({ method, path: p, body });
  if (p === '/v1/auth/refresh')
    return json(200, { accessToken: 'a', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer' });
  if (p === '/v1/auth/me')
    return json(200, {
      user: { id: 'u', email: 'owner@example.com', name: 'Owner' },
      apiKey: null,
      tenant: { id: 't', slug: 'studio', name: 'Studio', timeZone: 'Europe/London' },
      role: 'owner',
      memberships: [],
    });
  if (p === '/v1/admin/providers')
    return json(200, { items: [provider(P1, 'Dana'), provider(P2, 'Sam')], nextCursor: null });
  if (p === '/v1/admin/calendar/connections' && method === 'GET')
    return json(200, { items: connections, vendors: ['google'] });
  if (p === '/v1/admin/calendar/connections/authorize')
    return json(200, { url: 'https://accounts.google.com/o/oauth2/v2/auth?x=1' });
  if (p === `/v1/admin/calendar/connections/${C1}/calendars`)
    return json(200, {
      items: [
        { id: 'dana@example.com', name: 'Dana', primary: true, writable: true, timeZone: 'UTC' },
        {
          id: 'team@group.calendar.google.com',
          name: 'Team',
          primary: false,
          writable: false,
          timeZone: 'UTC',
        },
      ],
    });
  if (p === `/v1/admin/calendar/connections/${C1}` && method === 'PATCH')
    return json(200, connection(body));
  if (p === `/v1/admin/calendar/connections/${C1}` && method === 'DELETE') {
    connections = [];
    return json(200, { revoked: true });
  }
  return json(404, { error: { code: 'not_found', message: `No route ${method} ${p}` } });
}

beforeEach(() => {
  calls = [];
  connections = [connection()];
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function setup() {
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial="en">
        <ToastProvider>
          <AuthGate session={session} booting={<p>booting</p>} anonymous={() => <p>anonymous</p>}>
            <CalendarSyncPage />
          </AuthGate>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('CalendarSyncPage', () => {
  it('shows each staff member with their connection status, and a connect button for the others', async () => {
    setup();
    const dana = await screen.findByTestId(`calendar-connection-${P1}`);
    expect(dana).toHaveTextContent('dana@example.com');
    expect(dana).toHaveTextContent('Syncing');
    expect(screen.getByRole('button', { name: 'Connect Google Calendar' })).toBeInTheDocument();
  });

  it('saves the calendar choices (only writable calendars can receive bookings)', async () => {
    const user = setup();
    const team = await screen.findByRole('checkbox', { name: 'Team' });
    await user.click(team);
    const select = screen.getByRole('combobox', { name: 'Calendar that receives bookings' });
    expect(within(select).queryByRole('option', { name: 'Team' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /Add the customer as an attendee/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      busyCalendarIds: ['dana@example.com', 'team@group.calendar.google.com'],
      bookingCalendarId: 'dana@example.com',
      inviteCustomers: true,
    });
  });

  it('shows a broken connection with its error and offers to reconnect', async () => {
    connections = [
      connection({
        status: 'broken',
        lastError: 'Token has been expired or revoked.',
        brokenAt: '2026-01-02T11:00:00.000Z',
      }),
    ];
    setup();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Token has been expired or revoked.',
    );
    expect(screen.getByRole('button', { name: 'Reconnect Google Calendar' })).toBeInTheDocument();
  });

  it('disconnects after confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const user = setup();
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });
});
