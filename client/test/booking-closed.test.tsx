import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { contract } from '@slotwise/contracts';
import { SlotwiseError } from '@slotwise/sdk';
import { errorText } from '../src/booking/messages';
import { publicTenantFixture, renderBookingApp, useFakeBookingApi } from './support/booking-app';
import { errorReply, reply, tenantFixture } from './support/fake-api';

let accepting = true;

const publicTenant = () =>
  publicTenantFixture({
    phone: '+44 20 7946 0000',
    cancellationPolicy: tenantFixture().settings.cancellationPolicy ?? {},
    acceptingBookings: accepting,
  });

async function fakeApi(input: string | URL | Request) {
  const p = new URL(String(input)).pathname;
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenant());
  if (p === '/v1/public/tenants/studio/services')
    return reply(contract.public.services.list, 200, { items: [], nextCursor: null });
  return errorReply(404, 'not_found', `No route ${p}`);
}

useFakeBookingApi(fakeApi, '/book/studio');

describe('booking app when the business is at its plan\u2019s monthly cap', () => {
  it('shows a neutral message with the business\u2019s contact, never the plan or an upgrade link', async () => {
    accepting = false;
    renderBookingApp();
    expect(
      await screen.findByText('Online booking is not available right now'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Please contact the business directly.*\+44 20 7946 0000/),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/plan|upgrade|limit/i);
  });

  it('books as usual otherwise', async () => {
    accepting = true;
    renderBookingApp();
    expect(await screen.findAllByText('Studio')).not.toHaveLength(0);
    expect(screen.queryByText('Online booking is not available right now')).toBeNull();
  });

  it('a 402 while booking reads as the same neutral sentence', () => {
    const err = new SlotwiseError({
      status: 402,
      code: 'payment_required',
      message: 'The plan allows 100 bookings this month',
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = (k: string) => k;
    expect(errorText(err, t as never)).toBe('error.bookingClosedMessage');
  });
});
