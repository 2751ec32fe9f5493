import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contract, type BookingParticipants, type ManageBooking } from '@slotwise/contracts';
import type { Locale } from '@slotwise/i18n';
import { publicTenantFixture, renderBookingApp, useFakeBookingApi } from './support/booking-app';
import { errorReply, reply } from './support/fake-api';

// The customer's manage page names everyone who attends a team booking (ADR 0018), as the
// confirmation does, in every language of the booking app.
const TOKEN = 'manage-link-token-0123456789';
const PAT = '00000000-0000-4000-8000-0000000000a1';
const QUINN = '00000000-0000-4000-8000-0000000000a2';
const ROOM = '00000000-0000-4000-8000-0000000000b1';
const AT = '2026-01-01T00:00:00.000Z';
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

const collective: BookingParticipants = {
  providers: [
    { id: PAT, name: 'Pat', role: 'primary' },
    { id: QUINN, name: 'Quinn', role: 'host' },
  ],
  resources: [{ id: ROOM, name: 'Double room' }],
};
const single: BookingParticipants = {
  providers: [{ id: PAT, name: 'Pat', role: 'primary' }],
  resources: [],
};

let participants = collective;

const manageBooking = (): ManageBooking => ({
  booking: {
    id: '00000000-0000-4000-8000-0000000000f1',
    code: 'K7M2Q9XA',
    status: 'confirmed',
    service: {
      id: '00000000-0000-4000-8000-0000000000e1',
      name: 'Couples massage',
      durationMinutes: 60,
    },
    provider: { id: PAT, name: 'Pat' },
    customer: {
      id: '00000000-0000-4000-8000-0000000000c1',
      name: 'Rosa',
      email: 'rosa@example.com',
      phone: null,
    },
    start: '2030-01-08T10:00:00.000Z',
    end: '2030-01-08T11:00:00.000Z',
    timeZone: 'Europe/London',
    seats: 1,
    priceCents: 0,
    depositCents: 0,
    currency: 'GBP',
    notes: '',
    cancelReason: null,
    cancelledAt: null,
    createdAt: AT,
    updatedAt: AT,
  },
  participants,
  tenant: {
    slug: 'studio',
    name: 'Studio',
    timeZone: 'Europe/London',
    email: null,
    phone: null,
    address: null,
  },
  policy: {
    freeCancellationHours: 24,
    lateCancellationFeePercent: 0,
    noShowFeePercent: 0,
    allowCustomerReschedule: true,
    rescheduleCutoffHours: 2,
  },
  cancellation: {
    allowed: true,
    reason: null,
    late: false,
    fee: gbp(0),
    refund: gbp(0),
    retained: gbp(0),
    outstanding: gbp(0),
  },
  reschedule: { allowed: true, reason: null },
  payment: null,
});

async function fakeApi(input: string | URL | Request) {
  const p = new URL(String(input)).pathname;
  if (p === `/v1/public/bookings/${TOKEN}`)
    return reply(contract.public.manage.get, 200, manageBooking());
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenantFixture());
  return errorReply(404, 'not_found', `No route ${p}`);
}

useFakeBookingApi(fakeApi, `/manage/${TOKEN}`);

/** The summary's "With" row: its label and what it says. */
async function withRow() {
  const attendees = await screen.findByTestId('attendees');
  return { label: attendees.previousElementSibling?.textContent, attendees };
}

describe('manage page: who attends', () => {
  it('a collective booking names every provider and the room it holds', async () => {
    participants = collective;
    renderBookingApp();
    expect(await screen.findByText('K7M2Q9XA')).toBeInTheDocument();
    const { label, attendees } = await withRow();
    expect(label).toBe('With');
    expect(within(attendees).getByText('Pat and Quinn')).toBeInTheDocument();
    expect(within(attendees).getByText('Double room')).toBeInTheDocument();
  });

  it('a one-provider booking names its provider alone', async () => {
    participants = single;
    renderBookingApp();
    const { attendees } = await withRow();
    expect(attendees.textContent).toBe('Pat');
  });

  it.each<[Locale, string, string]>([
    ['es', 'Con', 'Pat y Quinn'],
    ['fr', 'Avec', 'Pat et Quinn'],
  ])('in %s: the label and the list of names are in the language', async (locale, word, names) => {
    participants = collective;
    renderBookingApp(locale);
    const { label, attendees } = await withRow();
    expect(label).toBe(word);
    expect(within(attendees).getByText(names)).toBeInTheDocument();
  });
});
