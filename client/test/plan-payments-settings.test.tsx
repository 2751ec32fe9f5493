import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renderAdminPage } from './support/admin-page';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '@slotwise/contracts';
import { PaymentsSection } from '../src/admin/pages/settings/PaymentsSection';
import { PlanSection } from '../src/admin/pages/settings/PlanSection';
import { ErrorNote } from '../src/admin/ui/kit';
import { SlotwiseError } from '@slotwise/sdk';
import { errorReply, meReply, refreshReply, reply } from './support/fake-api';

const free = {
  id: 'free' as const,
  name: 'Free',
  providers: 2,
  monthlyBookings: 100,
  features: [],
};
const pro = {
  id: 'pro' as const,
  name: 'Pro',
  providers: 50,
  monthlyBookings: 5000,
  features: ['payments' as const, 'webhooks' as const, 'calendar_sync' as const],
};

let role: 'owner' | 'admin' = 'owner';
let calls: string[];
let connectStatus: 'not_connected' | 'enabled' = 'not_connected';
const assign = vi.hoisted(() => vi.fn());
vi.mock('../src/admin/navigate', () => ({ leaveFor: assign }));

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const p = new URL(String(input)).pathname;
  const method = (init.method ?? 'GET').toUpperCase();
  calls.push(`${method} ${p}`);
  if (p === '/v1/auth/refresh') return refreshReply();
  if (p === '/v1/auth/me') return meReply(role);
  if (p === '/v1/admin/billing' && method === 'GET')
    return reply(contract.admin.billing.get, 200, {
      enabled: true,
      checkoutAvailable: true,
      plan: free,
      plans: [free, pro],
      usage: { providers: 2, monthlyBookings: 37 },
      subscription: null,
    });
  if (p === '/v1/admin/billing/checkout-session')
    return reply(contract.admin.billing.checkout, 201, {
      url: 'https://checkout.stripe.test/c/pay/1',
    });
  if (p === '/v1/admin/connect' && method === 'GET')
    return reply(contract.admin.connect.get, 200, {
      status: connectStatus,
      accountType: 'express',
      chargesEnabled: connectStatus === 'enabled',
      payoutsEnabled: connectStatus === 'enabled',
      detailsSubmitted: connectStatus === 'enabled',
      requirementsDue: connectStatus === 'enabled' ? [] : ['external_account'],
      applicationFeePercent: 2.5,
      updatedAt: null,
    });
  if (p === '/v1/admin/connect/onboarding-link')
    return reply(contract.admin.connect.onboardingLink, 201, {
      url: 'https://connect.stripe.test/setup/1',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
  return errorReply(404, 'not_found', `No route ${method} ${p}`);
}

beforeEach(() => {
  calls = [];
  role = 'owner';
  connectStatus = 'not_connected';
  assign.mockReset();
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const setup = (section: ReactNode) => renderAdminPage(section);

describe('settings: plan and payments', () => {
  it('shows the plan, usage against limits, and sends the owner to Stripe Checkout', async () => {
    const user = setup(<PlanSection />);
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Free');
    expect(screen.getByText(/Providers:/).closest('li')).toHaveTextContent(
      'Providers: 2 of 2 limit reached',
    );
    expect(screen.getByText(/Bookings this month:/).closest('li')).toHaveTextContent('37 of 100');
    await user.click(screen.getByRole('button', { name: 'Upgrade to Pro' }));
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://checkout.stripe.test/c/pay/1'),
    );
    expect(calls).toContain('POST /v1/admin/billing/checkout-session');
  });

  it('admins see the plan but cannot buy', async () => {
    role = 'admin';
    setup(<PlanSection />);
    expect(await screen.findByText('Only the owner can change the plan.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Upgrade to Pro' })).toBeNull();
  });

  it('Connect: not connected offers onboarding and follows the Stripe link; enabled says so', async () => {
    const user = setup(<PaymentsSection />);
    expect(await screen.findByTestId('connect-status')).toHaveTextContent('Not connected');
    expect(screen.getByText(/platform keeps 2.5%/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Connect Stripe' }));
    await vi.waitFor(() =>
      expect(assign).toHaveBeenCalledWith('https://connect.stripe.test/setup/1'),
    );
  });

  it('Connect enabled: no onboarding button', async () => {
    connectStatus = 'enabled';
    setup(<PaymentsSection />);
    expect(await screen.findByTestId('connect-status')).toHaveTextContent(
      'payments and payouts are enabled',
    );
    expect(screen.queryByRole('button', { name: /Connect Stripe|Continue onboarding/ })).toBeNull();
  });

  it('a 402 from a plan limit shows the API message with a link to the plans', () => {
    render(
      <ErrorNote
        error={
          new SlotwiseError({
            status: 402,
            code: 'payment_required',
            message: 'The plan allows 2 providers; upgrade the plan to add more',
            details: {
              resource: 'providers',
              limit: 2,
              usage: 2,
              upgradeUrl: 'https://x.test/admin/settings#plan',
            },
          })
        }
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The plan allows 2 providers');
    expect(screen.getByRole('link', { name: 'See plans' })).toHaveAttribute(
      'href',
      '/admin/settings#plan',
    );
  });
});
