import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { contract, emptyAddress } from '@slotwise/contracts';
import { publicTenantFixture, renderBookingApp, useFakeBookingApi } from './support/booking-app';
import { errorReply, publicServiceFixture, reply } from './support/fake-api';

const NORTH = '00000000-0000-4000-8000-0000000000c1';
const SOUTH = '00000000-0000-4000-8000-0000000000c2';
const location = (id: string, name: string, line1: string, sortOrder: number) => ({
  id,
  name,
  address: { ...emptyAddress, line1, city: 'Bath', postalCode: 'BA1 1AA' },
  phone: null,
  timeZone: 'Europe/London',
  sortOrder,
});

let sites: ReturnType<typeof location>[] = [];
const servicesAsked: (string | null)[] = [];

const publicService = (id: string, name: string) => publicServiceFixture({ id, name });

async function fakeApi(input: string | URL | Request) {
  const url = new URL(String(input));
  const p = url.pathname;
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenantFixture());
  if (p === '/v1/public/tenants/studio/locations')
    return reply(contract.public.locations.list, 200, { items: sites, nextCursor: null });
  if (p === '/v1/public/tenants/studio/services') {
    const at = url.searchParams.get('locationId');
    servicesAsked.push(at);
    const items =
      at === SOUTH
        ? [publicService('00000000-0000-4000-8000-0000000000e2', 'Boat trip')]
        : [publicService('00000000-0000-4000-8000-0000000000e1', 'Haircut')];
    return reply(contract.public.services.list, 200, { items, nextCursor: null });
  }
  return errorReply(404, 'not_found', `No route ${p}`);
}

useFakeBookingApi(fakeApi, '/book/studio');
beforeEach(() => {
  servicesAsked.length = 0;
});

describe('booking app: choosing a location', () => {
  it('asks where first when the business has two sites, shows addresses, keeps the choice in the URL', async () => {
    sites = [location(SOUTH, 'South', '9 Quay', 2), location(NORTH, 'North', '1 Hill', 1)];
    renderBookingApp();
    expect(await screen.findByRole('heading', { name: 'Choose a location' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    // In display order, each with its address.
    const cards = screen.getAllByRole('button', { pressed: false });
    expect(cards.map((c) => c.textContent)).toEqual([
      expect.stringContaining('North'),
      expect.stringContaining('South'),
    ]);
    expect(screen.getByText('9 Quay, BA1 1AA Bath')).toBeInTheDocument();

    fireEvent.click(screen.getByText('South'));
    expect(await screen.findByText('Boat trip')).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get('location')).toBe(SOUTH);
    expect(servicesAsked).toContain(SOUTH);
    expect(screen.getByText('Step 2 of 4')).toBeInTheDocument();

    // Back (the browser's) returns to the choice.
    window.history.back();
    expect(await screen.findByRole('heading', { name: 'Choose a location' })).toBeInTheDocument();
  });

  it('a reload with the location in the URL goes straight to its services', async () => {
    sites = [location(SOUTH, 'South', '9 Quay', 2), location(NORTH, 'North', '1 Hill', 1)];
    window.history.pushState({}, '', `/book/studio?location=${SOUTH}`);
    renderBookingApp();
    expect(await screen.findByText('Boat trip')).toBeInTheDocument();
    expect(screen.queryByText('Choose a location')).toBeNull();
  });

  it('a business with one site (or none) has no location step', async () => {
    for (const list of [[location(NORTH, 'North', '1 Hill', 1)], []]) {
      sites = list;
      const view = renderBookingApp();
      expect(await screen.findByText('Haircut')).toBeInTheDocument();
      expect(screen.queryByText('Choose a location')).toBeNull();
      expect(servicesAsked.every((l) => l === null)).toBe(true);
      void view;
      document.body.innerHTML = '';
    }
  });
});
