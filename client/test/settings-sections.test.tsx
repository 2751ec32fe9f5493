import { screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renderAdminPage } from './support/admin-page';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Tenant } from '../src/admin/data';
import { BrandingSection } from '../src/admin/pages/settings/BrandingSection';
import { EmbedSection } from '../src/admin/pages/settings/EmbedSection';
import { RulesSection } from '../src/admin/pages/settings/RulesSection';
import { errorReply, tenantFixture } from './support/fake-api';

/** The fixture as the admin app holds it (its settings filled in). */
const tenant = (o: Parameters<typeof tenantFixture>[0] = {}) => tenantFixture(o) as Tenant;

/** The settings sections on the shared form pattern: the contract's schema checks, 422s land on fields. */
let patches: unknown[];
let reject: unknown;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const p = new URL(String(input)).pathname;
  const method = (init.method ?? 'GET').toUpperCase();
  if (p === '/v1/auth/refresh')
    return json(200, { accessToken: 'a', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer' });
  if (p === '/v1/auth/me')
    return json(200, {
      user: { id: 'u', email: 'owner@example.com', name: 'Owner' },
      apiKey: null,
      tenant: { id: 't', slug: 'studio', name: 'Studio', timeZone: 'Europe/London' },
      role: 'owner',
      memberships: [],
    });
  if (p === '/v1/admin/tenant' && method === 'PATCH') {
    patches.push(JSON.parse(String(init.body)));
    if (reject) return errorReply(422, 'validation_failed', 'Invalid request', reject);
    return json(200, tenantFixture());
  }
  return errorReply(404, 'not_found', `No route ${method} ${p}`);
}

beforeEach(() => {
  patches = [];
  reject = undefined;
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const setup = (section: ReactNode) => renderAdminPage(section);

const errorOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

describe('settings sections', () => {
  it('booking rules: refuses what the contract refuses, sends numbers, shows the API issue on its field', async () => {
    const user = setup(<RulesSection tenant={tenant()} readOnly={false} />);
    const fee = await screen.findByLabelText('No-show fee (% of price)');
    await user.clear(fee);
    await user.type(fee, '150');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(fee).toHaveAttribute('aria-invalid', 'true'));
    expect(patches).toHaveLength(0);

    await user.clear(fee);
    await user.type(fee, '50');
    await user.type(screen.getByLabelText('Default start-time step (min)'), '15');
    await user.click(screen.getByLabelText('Customers may reschedule online'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Booking rules saved');
    expect(patches).toEqual([
      {
        settings: {
          bookingConfirmationMode: 'auto',
          sendReminders: true,
          smsNotifications: false,
          defaultSlotIntervalMinutes: 15,
          checkInOpensMinutes: 60,
          cancellationPolicy: {
            freeCancellationHours: 24,
            lateCancellationFeePercent: 0,
            noShowFeePercent: 50,
            allowCustomerReschedule: false,
            rescheduleCutoffHours: 2,
          },
        },
      },
    ]);

    reject = {
      issues: [
        { path: 'body.settings.cancellationPolicy.freeCancellationHours', message: 'Too long' },
      ],
    };
    await user.clear(screen.getByLabelText('Default start-time step (min)'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const free = screen.getByLabelText('Free cancellation until (hours before)');
    await vi.waitFor(() => expect(errorOf(free)).toBe('Too long'));
    expect(patches.at(-1)).toMatchObject({ settings: { defaultSlotIntervalMinutes: null } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('branding: a blank logo is null, a bad colour is refused before sending', async () => {
    const user = setup(
      <BrandingSection tenant={tenant({ logoUrl: 'https://x.example/l.png' })} readOnly={false} />,
    );
    const hex = await screen.findByLabelText('Brand colour hex');
    await user.clear(hex);
    await user.type(hex, '#12345');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Expected a colour as #rrggbb')).toBeInTheDocument();
    expect(patches).toHaveLength(0);

    await user.type(hex, '6');
    await user.clear(screen.getByLabelText('Logo URL'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Branding saved');
    expect(patches).toEqual([{ logoUrl: null, brandColor: '#123456' }]);
  });

  it('embed: one origin a line, each checked by the contract', async () => {
    const user = setup(<EmbedSection tenant={tenant()} readOnly={false} />);
    const origins = await screen.findByLabelText('Websites allowed to embed it');
    await user.type(origins, 'https://a.example/{Enter}not a site');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Expected an origin such as https://example.com'),
    ).toBeInTheDocument();
    expect(patches).toHaveLength(0);

    await user.clear(origins);
    await user.type(origins, 'https://a.example/{Enter}https://b.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Embed settings saved');
    expect(patches).toEqual([{ embedOrigins: ['https://a.example', 'https://b.example'] }]);
    expect(within(document.body).queryByText(/Expected an origin/)).toBeNull();
  });
});
