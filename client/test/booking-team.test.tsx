import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contract } from '@slotwise/contracts';
import { publicTenantFixture, renderBookingApp, useFakeBookingApi } from './support/booking-app';
import { errorReply, publicProviderFixture, publicServiceFixture, reply } from './support/fake-api';

// Teams (ADR 0018) in the booking app: "Who would you like?" only where there is a choice.
const PAT = '00000000-0000-4000-8000-0000000000a1';
const QUINN = '00000000-0000-4000-8000-0000000000a2';
const RAY = '00000000-0000-4000-8000-0000000000a3';
const COUPLES = '00000000-0000-4000-8000-0000000000e1';
const HAIRCUT = '00000000-0000-4000-8000-0000000000e2';
const CONSULT = '00000000-0000-4000-8000-0000000000e3';

const services = [
  publicServiceFixture({
    id: COUPLES,
    name: 'Couples massage',
    providerIds: [PAT, QUINN],
    participantMode: 'collective',
  }),
  publicServiceFixture({ id: HAIRCUT, name: 'Haircut', providerIds: [PAT, QUINN], sortOrder: 1 }),
  publicServiceFixture({
    id: CONSULT,
    name: 'Consultation',
    providerIds: [PAT, QUINN, RAY],
    participantMode: 'round_robin',
    hostProviderIds: [PAT],
    sortOrder: 2,
  }),
];
const providers = [
  publicProviderFixture({ id: PAT, name: 'Pat', sortOrder: 0 }),
  publicProviderFixture({ id: QUINN, name: 'Quinn', sortOrder: 1 }),
  publicProviderFixture({ id: RAY, name: 'Ray', sortOrder: 2 }),
];

async function fakeApi(input: string | URL | Request) {
  const url = new URL(String(input));
  const p = url.pathname;
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenantFixture());
  if (p === '/v1/public/tenants/studio/locations')
    return reply(contract.public.locations.list, 200, { items: [], nextCursor: null });
  if (p === '/v1/public/tenants/studio/services')
    return reply(contract.public.services.list, 200, { items: services, nextCursor: null });
  if (p === '/v1/public/tenants/studio/providers') {
    const service = services.find((s) => s.id === url.searchParams.get('serviceId'));
    const items = providers.filter((x) => !service || service.providerIds.includes(x.id));
    return reply(contract.public.providers.list, 200, { items, nextCursor: null });
  }
  if (p === '/v1/public/tenants/studio/availability')
    return reply(contract.public.availability.get, 200, {
      serviceId: url.searchParams.get('serviceId')!,
      timeZone: 'Europe/London',
      days: [],
    });
  return errorReply(404, 'not_found', `No route ${p}`);
}

useFakeBookingApi(fakeApi, '/book/studio');

const summaryWith = async (text: string) => {
  const summary = await screen.findByLabelText('Your booking so far');
  expect(await within(summary).findByText(text)).toBeInTheDocument();
};

describe('booking app: who attends a team service', () => {
  it('a collective service skips "Who would you like?" and names everyone who attends', async () => {
    renderBookingApp();
    fireEvent.click(await screen.findByText('Couples massage'));
    expect(await screen.findByRole('heading', { name: 'Pick a day and time' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Who would you like?' })).toBeNull();
    expect(screen.getByText('Step 2 of 3')).toBeInTheDocument();
    await summaryWith('Pat and Quinn');
    expect(new URLSearchParams(window.location.search).get('provider')).toBeNull();
  });

  it('a provider in the URL of a collective service is no choice either', async () => {
    window.history.pushState({}, '', `/book/studio?service=${COUPLES}&provider=${QUINN}`);
    renderBookingApp();
    expect(await screen.findByRole('heading', { name: 'Pick a day and time' })).toBeInTheDocument();
    await summaryWith('Pat and Quinn');
  });

  it('a single service with two providers still asks', async () => {
    renderBookingApp();
    fireEvent.click(await screen.findByText('Haircut'));
    expect(await screen.findByRole('heading', { name: 'Who would you like?' })).toBeInTheDocument();
    expect(screen.getByText('Step 2 of 4')).toBeInTheDocument();
  });

  it('round robin offers only the providers other than the host, who is named with the pick', async () => {
    renderBookingApp();
    fireEvent.click(await screen.findByText('Consultation'));
    expect(await screen.findByRole('heading', { name: 'Who would you like?' })).toBeInTheDocument();
    expect(await screen.findByText('Quinn')).toBeInTheDocument();
    expect(screen.getByText('Ray')).toBeInTheDocument();
    expect(screen.queryByText('Pat')).toBeNull();
    fireEvent.click(screen.getByText('Ray'));
    expect(await screen.findByRole('heading', { name: 'Pick a day and time' })).toBeInTheDocument();
    await summaryWith('Pat and Ray');
  });
});
