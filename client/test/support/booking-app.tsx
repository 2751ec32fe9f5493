import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ServerInferResponseBody } from '@ts-rest/core';
import { afterEach, beforeEach, vi } from 'vitest';
import type { contract } from '@slotwise/contracts';
import type { Locale } from '@slotwise/i18n';
import { App } from '../../src/booking/App';
import { createSdk } from '../../src/shared/api';
import { I18nProvider } from '../../src/shared/i18n';
import { SdkProvider } from '../../src/shared/sdk-context';
import { tenantFixture } from './fake-api';

/**
 * The booking app under test: the real SDK and the whole App (its routes /book, /manage) against
 * a fake `fetch` answering with contract-typed bodies (fake-api.ts).
 */
export type PublicTenant = ServerInferResponseBody<typeof contract.public.tenants.get, 200>;

/** The business as GET /v1/public/tenants/{slug} shows it, from the admin tenant fixture. */
export function publicTenantFixture(o: Partial<PublicTenant> = {}): PublicTenant {
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
    ...o,
  };
}

/** Every test of the file starts at `path` with `fetch` answered by `api` (vitest hooks). */
export function useFakeBookingApi(
  api: (input: string | URL | Request) => Response | Promise<Response>,
  path: string,
) {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(api));
    window.history.pushState({}, '', path);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
}

/** Renders the booking app at the current URL, in `locale`, queries never retried. */
export function renderBookingApp(locale: Locale = 'en') {
  return render(
    <SdkProvider sdk={createSdk({ maxRetries: 0 })}>
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <I18nProvider initial={locale}>
          <App />
        </I18nProvider>
      </QueryClientProvider>
    </SdkProvider>,
  );
}
