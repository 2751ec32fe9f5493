import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  json,
  renderAdminPage,
  useDialogs,
  useFakeAdminApi,
  type Role,
} from './support/admin-page';
import { WebhooksPage } from '../src/admin/pages/WebhooksPage';

/** The admin "Webhooks" page against a fake API: the real SDK and session, endpoints in memory. */
const EP = '11111111-1111-4111-8111-111111111111';
const DEL = '22222222-2222-4222-8222-222222222222';
const NEW = '33333333-3333-4333-8333-333333333333';

let role: Role;
let endpoints: Record<string, unknown>[];

const endpoint = (over: Record<string, unknown>) => ({
  id: EP,
  url: 'https://crm.example.com/hook',
  description: 'CRM',
  events: ['booking.created'],
  enabled: true,
  disabledReason: null,
  failingSince: null,
  secretRotationEndsAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const delivery = {
  id: DEL,
  endpointId: EP,
  eventId: 'evt_7',
  eventType: 'booking.created',
  status: 'failed',
  attempts: 8,
  nextAttemptAt: null,
  responseStatus: 500,
  lastError: 'HTTP 500',
  deliveredAt: null,
  createdAt: '2026-01-02T00:00:00.000Z',
};

const calls = useFakeAdminApi(
  ({ method, path: p, body: b }) => {
    const body = b as Record<string, unknown>;
    if (p === '/v1/admin/webhooks/endpoints' && method === 'GET')
      return json(200, { items: endpoints, nextCursor: null });
    if (p === '/v1/admin/webhooks/endpoints' && method === 'POST') {
      if (!String(body.url).startsWith('https://'))
        return json(422, {
          error: {
            code: 'validation_failed',
            message: 'bad',
            details: {
              issues: [
                {
                  path: 'body.url',
                  message: 'This URL cannot receive webhooks: only https URLs are allowed',
                },
              ],
            },
          },
        });
      const made = endpoint({ id: NEW, ...body });
      endpoints.push(made);
      return json(201, { endpoint: made, secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0' });
    }
    if (p === `/v1/admin/webhooks/endpoints/${EP}/replay`) {
      if (String(body.since) < '2026-01-01')
        return json(422, {
          error: {
            code: 'validation_failed',
            message: 'bad',
            details: { issues: [{ path: 'body.since', message: 'At most 30 days back' }] },
          },
        });
      return json(202, { queued: 3 });
    }
    if (p === `/v1/admin/webhooks/endpoints/${EP}/test`)
      return json(202, { ...delivery, id: NEW, eventType: 'webhook.test', status: 'pending' });
    if (p === '/v1/admin/webhooks/deliveries')
      return json(200, { items: [delivery], nextCursor: null });
    if (p === `/v1/admin/webhooks/deliveries/${DEL}/redeliver`)
      return json(202, { ...delivery, status: 'pending', attempts: 0 });
    if (p === `/v1/admin/webhooks/deliveries/${DEL}`)
      return json(200, {
        ...delivery,
        payload: {},
        attemptLog: [
          {
            attempt: 1,
            startedAt: '2026-01-02T00:00:00.000Z',
            durationMs: 12,
            responseStatus: 500,
            responseExcerpt: 'boom',
            error: 'HTTP 500',
          },
        ],
      });
    return undefined;
  },
  { role: () => role },
);

useDialogs();
beforeEach(() => {
  role = 'owner';
  endpoints = [
    endpoint({}),
    endpoint({
      id: '44444444-4444-4444-8444-444444444444',
      url: 'https://old.example.com/h',
      enabled: false,
      disabledReason: 'The endpoint answered 410 Gone',
    }),
  ];
});

const setup = () => renderAdminPage(<WebhooksPage />);

describe('WebhooksPage', () => {
  it('lists endpoints with their state', async () => {
    setup();
    const live = await screen.findByRole('row', { name: 'https://crm.example.com/hook' });
    expect(live).toHaveTextContent('Enabled');
    expect(screen.getByRole('row', { name: 'https://old.example.com/h' })).toHaveTextContent(
      'Disabled: The endpoint answered 410 Gone',
    );
  });

  it('adds an endpoint: shows the field error from the API, then the secret once', async () => {
    const user = setup();
    await user.click(await screen.findByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a webhook endpoint' });
    await user.type(within(dialog).getByLabelText('URL'), 'http://10.0.0.1/x');
    await user.click(within(dialog).getByLabelText('booking.no_show'));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findAllByText(/only https URLs are allowed/)).not.toHaveLength(0);
    await user.clear(within(dialog).getByLabelText('URL'));
    await user.type(within(dialog).getByLabelText('URL'), 'https://new.example.com/h');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent(
      'whsec_c2VjcmV0c2VjcmV0c2VjcmV0',
    );
    const post = calls
      .filter((c) => c.method === 'POST' && c.path === '/v1/admin/webhooks/endpoints')
      .at(-1)!;
    expect(post.body).toEqual({
      url: 'https://new.example.com/h',
      description: '',
      events: ['booking.created', 'booking.cancelled', 'booking.no_show'],
    });
  });

  it('shows the delivery log with attempts, redelivers, sends a test event and replays since a time', async () => {
    const user = setup();
    const row = await screen.findByRole('row', { name: 'https://crm.example.com/hook' });
    await user.click(within(row).getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('region', { name: 'Deliveries' });
    const d = await within(log).findByRole('row', { name: 'booking.created evt_7' });
    expect(d).toHaveTextContent('failed');
    await user.click(within(d).getByRole('button', { name: 'booking.created' }));
    expect(await screen.findByText(/500 in 12 ms/)).toBeInTheDocument();
    await user.click(within(d).getByRole('button', { name: 'Redeliver' }));
    await user.click(within(row).getByRole('button', { name: 'Send test event' }));
    await user.click(within(row).getByRole('button', { name: 'Replay' }));
    const dialog = screen.getByRole('dialog', { name: 'Replay events' });
    await user.type(within(dialog).getByLabelText('Since'), '2026-01-02T08:30');
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect(await screen.findByText('3 deliveries queued')).toBeInTheDocument();
    const posted = calls
      .filter((c) => c.method === 'POST' && c.path.startsWith('/v1/admin/'))
      .map((c) => c.path);
    expect(posted).toEqual([
      `/v1/admin/webhooks/deliveries/${DEL}/redeliver`,
      `/v1/admin/webhooks/endpoints/${EP}/test`,
      `/v1/admin/webhooks/endpoints/${EP}/replay`,
    ]);
    expect(calls.find((c) => c.path.endsWith('/replay'))!.body).toEqual({
      since: new Date('2026-01-02T08:30').toISOString(),
    });
  });

  it('checks an endpoint against the contract before sending, in plain words', async () => {
    const user = setup();
    await user.click(await screen.findByRole('button', { name: 'Add endpoint' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a webhook endpoint' });
    const url = within(dialog).getByLabelText('URL');
    await user.type(url, 'not a url');
    await user.click(within(dialog).getByLabelText('booking.created'));
    await user.click(within(dialog).getByLabelText('booking.cancelled'));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Please fix 2 fields below.');
    expect(within(dialog).getByText(/Enter the full URL, such as https/)).toBeInTheDocument();
    expect(within(dialog).getByText('Choose at least one event.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.path.includes('/webhooks/'))).toBe(false);
    await vi.waitFor(() => expect(document.activeElement).toBe(url));
  });

  it('replays only from a time, and shows the API’s verdict on it', async () => {
    const user = setup();
    const row = await screen.findByRole('row', { name: 'https://crm.example.com/hook' });
    await user.click(within(row).getByRole('button', { name: 'Replay' }));
    const dialog = screen.getByRole('dialog', { name: 'Replay events' });
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect(
      within(dialog).getByText('Choose the date and time to replay from.'),
    ).toBeInTheDocument();
    expect(calls.some((c) => c.path.endsWith('/replay'))).toBe(false);
    await user.type(within(dialog).getByLabelText('Since'), '2025-06-01T08:30');
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));
    expect(await within(dialog).findByText('At most 30 days back')).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Replay events' })).toBeInTheDocument();
  });

  it('is for admins and owners only', async () => {
    role = 'staff';
    setup();
    expect(await screen.findByText('Only admins and owners manage webhooks')).toBeInTheDocument();
    expect(calls.some((c) => c.path.startsWith('/v1/admin/webhooks'))).toBe(false);
  });
});
