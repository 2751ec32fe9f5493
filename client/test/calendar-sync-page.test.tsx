import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CalendarSyncPage } from '../src/admin/pages/CalendarSyncPage';
import { json, renderAdminPage, useFakeAdminApi } from './support/admin-page';
import { providerFixture } from './support/fake-api';

/** The admin "Calendar sync" page against a fake API: the real SDK and session. */
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';

let connections: Record<string, unknown>[];

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

const calls = useFakeAdminApi(({ method, path: p, body }) => {
  if (p === '/v1/admin/providers')
    return json(200, {
      items: [providerFixture({ id: P1, name: 'Dana' }), providerFixture({ id: P2, name: 'Sam' })],
      nextCursor: null,
    });
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
    return json(200, connection(body as Record<string, unknown>));
  if (p === `/v1/admin/calendar/connections/${C1}` && method === 'DELETE') {
    connections = [];
    return json(200, { revoked: true });
  }
  return undefined;
});

beforeEach(() => {
  connections = [connection()];
});

const setup = () => renderAdminPage(<CalendarSyncPage />);

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
