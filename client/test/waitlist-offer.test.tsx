import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contract } from '@slotwise/contracts';
import { OfferTime } from '../src/admin/pages/waitlist/OfferTime';
import { reply } from './support/fake-api';
import { renderAdminPage, useFakeAdminApi } from './support/admin-page';

/**
 * The waitlist's "offer a time": the entry's free times from the public availability route, and
 * a booking link for the one picked. The answer lists no provider ids unless asked (ADR 0021),
 * and this form does not ask: an entry waiting for anyone gets a link for "any provider".
 */
const SERVICE = '11111111-1111-4111-8111-111111111111';
const PAT = '33333333-3333-4333-8333-333333333333';
const slot = (start: string) => ({
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  localTime: start.slice(11, 16),
  utcOffset: '+00:00',
  localStart: `${start.slice(0, 19)}+00:00`,
  providerCount: 2,
  seatsLeft: 2,
});

const calls = useFakeAdminApi(({ path, query }) => {
  if (path !== '/v1/public/tenants/studio/availability') return undefined;
  const providerId = query.get('providerId');
  return reply(contract.public.availability.get, 200, {
    serviceId: SERVICE,
    timeZone: 'Europe/London',
    days: [
      {
        date: '2026-03-10',
        slots: [slot('2026-03-10T10:00:00.000Z')].map((s) =>
          providerId ? { ...s, providerCount: 1, seatsLeft: 1, providerIds: [providerId] } : s,
        ),
      },
    ],
  });
});

const entry = (providerId: string | null) => ({
  id: '55555555-5555-4555-8555-555555555555',
  service: { id: SERVICE, name: 'Cut' },
  providerId,
  customer: { name: 'Ana Lima', email: 'ana@example.com' },
  fromDate: '2026-03-10',
  toDate: '2026-03-16',
});

async function pickFirstTime(providerId: string | null) {
  const user = renderAdminPage(<OfferTime entry={entry(providerId)} />);
  const time = await screen.findByRole('button', { pressed: false });
  await user.click(time);
  const link = new URL((await screen.findByTestId('offer-link')).textContent!);
  const asked = calls.find((c) => c.path.endsWith('/availability'))!;
  return { link, asked: Object.fromEntries(asked.query) };
}

describe('waitlist: offering a freed time', () => {
  it('an entry waiting for anyone asks for counts only and links to "any provider"', async () => {
    const { link, asked } = await pickFirstTime(null);
    expect(asked).toEqual({
      serviceId: SERVICE,
      from: '2026-03-10',
      to: '2026-03-16',
      timezone: 'Europe/London',
    });
    expect(link.pathname).toBe('/book/studio');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      service: SERVICE,
      provider: 'any',
      time: '2026-03-10T10:00:00.000Z',
    });
  });

  it('an entry waiting for one provider asks for their times and links to them', async () => {
    const { link, asked } = await pickFirstTime(PAT);
    expect(asked.providerId).toBe(PAT);
    expect(link.searchParams.get('provider')).toBe(PAT);
  });
});
