import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, emptyAddress } from '@slotwise/contracts';
import { App } from '../src/booking/App';
import { createSdk } from '../src/shared/api';
import { I18nProvider } from '../src/shared/i18n';
import { SdkProvider } from '../src/shared/sdk-context';
import { errorReply, publicServiceFixture, reply, tenantFixture } from './support/fake-api';

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

function publicTenant() {
  const t = tenantFixture();
  return {
    slug: t.slug,
    name: t.name,
    description: t.description,
    timeZone: t.timeZone,
    currency: t.currency,
    locale: t.locale,
    logoUrl: t.logoUrl,
    brandColor: t.brandColor,
    policiesText: t.policiesText,
    email: t.email,
    phone: t.phone,
    address: t.address,
    cancellationPolicy: {},
    acceptingBookings: true,
  };
}

const publicService = (id: string, name: string) => publicServiceFixture({ id, name });

async function fakeApi(input: string | URL | Request) {
  const url = new URL(String(input));
  const p = url.pathname;
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenant());
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

beforeEach(() => {
  servicesAsked.length = 0;
  vi.stubGlobal('fetch', vi.fn(fakeApi));
  window.history.pushState({}, '', '/book/studio');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function renderApp() {
  render(
    <SdkProvider sdk={createSdk({ maxRetries: 0 })}>
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <I18nProvider initial="en">
          <App />
        </I18nProvider>
      </QueryClientProvider>
    </SdkProvider>,
  );
}

describe('booking app: choosing a location', () => {
  it('asks where first when the business has two sites, shows addresses, keeps the choice in the URL', async () => {
    sites = [location(SOUTH, 'South', '9 Quay', 2), location(NORTH, 'North', '1 Hill', 1)];
    renderApp();
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
    renderApp();
    expect(await screen.findByText('Boat trip')).toBeInTheDocument();
    expect(screen.queryByText('Choose a location')).toBeNull();
  });

  it('a business with one site (or none) has no location step', async () => {
    for (const list of [[location(NORTH, 'North', '1 Hill', 1)], []]) {
      sites = list;
      const view = renderApp();
      expect(await screen.findByText('Haircut')).toBeInTheDocument();
      expect(screen.queryByText('Choose a location')).toBeNull();
      expect(servicesAsked.every((l) => l === null)).toBe(true);
      void view;
      document.body.innerHTML = '';
    }
  });
});
