import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '@slotwise/contracts';
import { SlotwiseError } from '@slotwise/sdk';
import { App } from '../src/booking/App';
import { errorText } from '../src/booking/messages';
import { createSdk } from '../src/shared/api';
import { I18nProvider } from '../src/shared/i18n';
import { SdkProvider } from '../src/shared/sdk-context';
import { errorReply, reply, tenantFixture } from './support/fake-api';

let accepting = true;

function publicTenant() {
  const t = tenantFixture({ phone: '+44 20 7946 0000' });
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
    cancellationPolicy: t.settings.cancellationPolicy ?? {},
    acceptingBookings: accepting,
  };
}

async function fakeApi(input: string | URL | Request) {
  const p = new URL(String(input)).pathname;
  if (p === '/v1/public/tenants/studio')
    return reply(contract.public.tenants.get, 200, publicTenant());
  if (p === '/v1/public/tenants/studio/services')
    return reply(contract.public.services.list, 200, { items: [], nextCursor: null });
  return errorReply(404, 'not_found', `No route ${p}`);
}

beforeEach(() => {
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

describe('booking app when the business is at its plan\u2019s monthly cap', () => {
  it('shows a neutral message with the business\u2019s contact, never the plan or an upgrade link', async () => {
    accepting = false;
    renderApp();
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
    renderApp();
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
