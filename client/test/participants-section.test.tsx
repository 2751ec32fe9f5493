import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type Location, type Resource } from '@slotwise/contracts';
import { AuthGate } from '../src/admin/auth';
import { ParticipantNames } from '../src/admin/booking-dialog/ParticipantNames';
import type { BookingDetail } from '../src/admin/data';
import { ResourcesPage } from '../src/admin/pages/ResourcesPage';
import { ParticipantsSection } from '../src/admin/pages/services/ParticipantsSection';
import { AdminSession } from '../src/admin/session';
import { ToastProvider } from '../src/admin/ui/kit';
import { I18nProvider } from '../src/shared/i18n';
import {
  errorReply,
  meReply,
  providerFixture,
  refreshReply,
  reply,
  serviceFixture,
} from './support/fake-api';

const HOST = '00000000-0000-4000-8000-000000000001';
const POOL = '00000000-0000-4000-8000-000000000002';
const ROOM = '00000000-0000-4000-8000-000000000010';
const SERVICE = '00000000-0000-4000-8000-000000000100';
const AT = '2026-01-01T00:00:00.000Z';

const BATH = '00000000-0000-4000-8000-000000000020';
const bath: Location = {
  id: BATH,
  name: 'Bath',
  address: { line1: '', line2: '', city: 'Bath', region: '', postalCode: '', country: 'GB' },
  phone: null,
  timeZone: 'Europe/London',
  active: true,
  sortOrder: 0,
  providerIds: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const room: Resource = { id: ROOM, name: 'Room 1', kind: 'room', capacity: 2, active: true, locationId: null, createdAt: AT, updatedAt: AT };

let puts: unknown[];
let posts: unknown[];
let reject: unknown;
let locations: Location[];

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const p = new URL(String(input)).pathname;
  const method = (init.method ?? 'GET').toUpperCase();
  if (p === '/v1/auth/refresh') return refreshReply();
  if (p === '/v1/auth/me') return meReply();
  if (p === '/v1/admin/providers')
    return reply(contract.admin.providers.list, 200, {
      items: [providerFixture({ id: HOST, name: 'Hana' }), providerFixture({ id: POOL, name: 'Pablo' })],
      nextCursor: null,
    });
  if (p === '/v1/admin/locations' && method === 'GET')
    return reply(contract.admin.locations.list, 200, { items: locations, nextCursor: null });
  if (p === '/v1/admin/resources' && method === 'GET')
    return reply(contract.admin.resources.list, 200, { items: [room], nextCursor: null });
  if (p === '/v1/admin/resources' && method === 'POST') {
    const body = JSON.parse(String(init.body)) as Resource;
    posts.push(body);
    if (reject) return errorReply(422, 'validation_failed', 'Invalid request', reject);
    return reply(contract.admin.resources.create, 201, { ...room, ...body, id: '00000000-0000-4000-8000-000000000011' });
  }
  if (p === `/v1/admin/services/${SERVICE}/participants` && method === 'GET')
    return reply(contract.admin.serviceParticipants.get, 200, { mode: 'single', hostProviderIds: [], resourceIds: [] });
  if (p === `/v1/admin/services/${SERVICE}/participants` && method === 'PUT') {
    const body = JSON.parse(String(init.body));
    puts.push(body);
    if (reject) return errorReply(422, 'validation_failed', 'Invalid request', reject);
    return reply(contract.admin.serviceParticipants.put, 200, body);
  }
  return errorReply(404, 'not_found', `No route ${method} ${p}`);
}

beforeAll(() => {
  // jsdom has no modal dialogs; the kit's Dialog only needs showModal/close to toggle `open`.
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

beforeEach(() => {
  puts = [];
  posts = [];
  reject = undefined;
  locations = [];
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});
afterEach(() => vi.unstubAllGlobals());

function setup(ui: ReactNode) {
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <I18nProvider initial="en">
        <ToastProvider>
          <AuthGate session={session} booting={<p>booting</p>} anonymous={() => <p>anonymous</p>}>
            {ui}
          </AuthGate>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('service participants section', () => {
  it('round robin: picks a host among the service’s providers and a resource, saves them, shows a 422 on its field', async () => {
    const service = serviceFixture({ id: SERVICE, name: 'Consult', providerIds: [HOST, POOL] });
    const user = setup(<ParticipantsSection service={service} />);
    const mode = await screen.findByLabelText('Who attends');
    expect(screen.queryByText('Hosts (at every booking)')).toBeNull();
    await user.selectOptions(mode, 'round_robin');
    const hosts = screen.getByRole('group', { name: 'Hosts (at every booking)' });
    await user.click(within(hosts).getByLabelText('Hana'));
    const needs = screen.getByRole('group', { name: 'Resources needed' });
    await user.click(await within(needs).findByLabelText('Room 1'));
    await user.click(screen.getByRole('button', { name: 'Save team' }));
    await screen.findByText('Team saved');
    expect(puts).toEqual([{ mode: 'round_robin', hostProviderIds: [HOST], resourceIds: [ROOM] }]);

    reject = { issues: [{ path: 'body.hostProviderIds', message: 'A round robin service needs a provider who is not a host' }] };
    await user.click(within(hosts).getByLabelText('Pablo'));
    await user.click(screen.getByRole('button', { name: 'Save team' }));
    expect(await screen.findByText('A round robin service needs a provider who is not a host')).toBeInTheDocument();
    expect(puts.at(-1)).toEqual({ mode: 'round_robin', hostProviderIds: [HOST, POOL], resourceIds: [ROOM] });

    // Leaving round robin drops the hosts: only round robin has them.
    await user.selectOptions(mode, 'collective');
    reject = undefined;
    await user.click(screen.getByRole('button', { name: 'Save team' }));
    await vi.waitFor(() => expect(puts.at(-1)).toEqual({ mode: 'collective', hostProviderIds: [], resourceIds: [ROOM] }));
  });
});

describe('resources page', () => {
  it('lists resources and creates one; a capacity under 1 is refused before sending', async () => {
    const user = setup(<ResourcesPage />);
    expect(await screen.findByText('Room 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New resource' }));
    await user.type(screen.getByLabelText('Name'), 'Laser');
    await user.selectOptions(screen.getByLabelText('Kind'), 'equipment');
    const capacity = screen.getByLabelText(/Bookings at once/);
    await user.clear(capacity);
    await user.type(capacity, '0');
    await user.click(screen.getByRole('button', { name: 'Create resource' }));
    await vi.waitFor(() => expect(capacity).toHaveAttribute('aria-invalid', 'true'));
    expect(posts).toHaveLength(0);
    await user.clear(capacity);
    await user.type(capacity, '3');
    await user.click(screen.getByRole('button', { name: 'Create resource' }));
    await screen.findByText('Created “Laser”');
    expect(posts).toEqual([{ name: 'Laser', kind: 'equipment', capacity: 3, active: true, locationId: null }]);
    // A business without locations is not asked for one.
    expect(screen.queryByLabelText('Location')).toBeNull();
  });

  it('places a resource at one of the business’s locations; a 422 shows on the field', async () => {
    locations = [bath];
    const user = setup(<ResourcesPage />);
    expect(await screen.findByText('Room 1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New resource' }));
    await user.type(screen.getByLabelText('Name'), 'Sauna');
    const where = await screen.findByLabelText(/Location/);
    expect(within(where).getByRole('option', { name: 'Every location' })).toBeInTheDocument();
    await user.selectOptions(where, BATH);
    reject = { issues: [{ path: 'body.locationId', message: `Unknown location ${BATH}` }] };
    await user.click(screen.getByRole('button', { name: 'Create resource' }));
    expect(await screen.findByText(`Unknown location ${BATH}`)).toBeInTheDocument();
    reject = undefined;
    await user.click(screen.getByRole('button', { name: 'Create resource' }));
    await screen.findByText('Created “Sauna”');
    expect(posts.at(-1)).toEqual({ name: 'Sauna', kind: 'room', capacity: 1, active: true, locationId: BATH });
  });
});

describe('booking participants in the booking dialog', () => {
  const detail = (participants: BookingDetail['participants']) =>
    ({ provider: { id: HOST, name: 'Hana' }, participants }) as BookingDetail;

  it('lists every provider and the resources of a team booking; a one-provider booking reads as before', () => {
    const { rerender } = render(
      <ParticipantNames
        booking={detail({
          providers: [
            { id: HOST, name: 'Hana', role: 'primary' },
            { id: POOL, name: 'Pablo', role: 'host' },
          ],
          resources: [{ id: ROOM, name: 'Room 1' }],
        })}
      />,
    );
    expect(screen.getByText('Hana, Pablo')).toBeInTheDocument();
    expect(screen.getByText('Room 1')).toBeInTheDocument();
    rerender(<ParticipantNames booking={detail({ providers: [{ id: HOST, name: 'Hana', role: 'primary' }], resources: [] })} />);
    expect(screen.getByText('Hana')).toBeInTheDocument();
    expect(screen.queryByText('Room 1')).toBeNull();
  });
});
