import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NewBookingDialog } from '../src/admin/NewBookingDialog';
import { contract } from '@slotwise/contracts';
import type { ServerInferResponseBody } from '@ts-rest/core';
import { meReply, providerFixture, refreshReply, reply, serviceFixture } from './support/fake-api';
import { renderAdminPage, useDialogs } from './support/admin-page';

/**
 * The admin "New booking" form against a fake API: the real SDK and session, with `fetch`
 * answering like the server (auth, lists, availability, intake fields, the create call).
 */
const ZONE = 'Europe/London';
const SLUG = 'studio';
const DAY = '2026-03-10';
const CUT = '11111111-1111-4111-8111-111111111111';
const COLOUR = '22222222-2222-4222-8222-222222222222';
const PAT = '33333333-3333-4333-8333-333333333333';
const RAY = '44444444-4444-4444-8444-444444444444';

const service = (id: string, name: string, extra = {}) =>
  serviceFixture({ id, name, providerIds: [PAT], ...extra });
const provider = (id: string, name: string, serviceIds: string[]) =>
  providerFixture({ id, name, serviceIds });
const slot = (start: string) => ({
  start,
  end: new Date(Date.parse(start) + 3_600_000).toISOString(),
  localTime: start.slice(11, 16),
  providerCount: 1,
  seatsLeft: 1,
});

const CREATED: ServerInferResponseBody<typeof contract.admin.bookings.create, 201> = {
  id: '55555555-5555-4555-8555-555555555555',
  code: 'K7D2QX9M',
  status: 'confirmed',
  service: { id: CUT, name: 'Cut', durationMinutes: 60 },
  provider: { id: PAT, name: 'Pat' },
  customer: {
    id: '66666666-6666-4666-8666-666666666666',
    name: 'Ana Lima',
    email: null,
    phone: '+44 20 7946 0958',
  },
  start: '2026-03-10T11:00:00.000Z',
  end: '2026-03-10T12:00:00.000Z',
  timeZone: ZONE,
  seats: 1,
  priceCents: 0,
  depositCents: 0,
  currency: 'GBP',
  notes: '',
  cancelReason: null,
  cancelledAt: null,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  staffNotes: '',
  source: 'admin',
  outsideAvailability: false,
  allowedActions: ['cancel', 'reschedule'],
  manageToken: 'tok',
  manageUrl: 'http://localhost/manage/tok',
};

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
let calls: Call[];
/** What POST /v1/admin/bookings answers next: status and body. */
let createAnswer: { status: number; body: unknown };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const url = new URL(String(input));
  const method = (init.method ?? 'GET').toUpperCase();
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
  calls.push({ method, path: url.pathname, query: url.searchParams, body });
  const p = url.pathname;
  if (p === '/v1/auth/refresh') return refreshReply();
  if (p === '/v1/auth/me') return meReply('owner', { slug: SLUG, timeZone: ZONE });
  if (p === '/v1/admin/services')
    return reply(contract.admin.services.list, 200, {
      items: [service(CUT, 'Cut'), service(COLOUR, 'Colour', { providerIds: [RAY] })],
      nextCursor: null,
    });
  if (p === '/v1/admin/providers')
    return reply(contract.admin.providers.list, 200, {
      items: [provider(PAT, 'Pat', [CUT]), provider(RAY, 'Ray', [COLOUR])],
      nextCursor: null,
    });
  if (p === `/v1/public/tenants/${SLUG}/availability`) {
    const date = url.searchParams.get('from')!;
    return json(200, {
      serviceId: url.searchParams.get('serviceId'),
      timeZone: ZONE,
      days: [
        {
          date,
          slots: [slot(`${date}T10:00:00.000Z`), slot(`${date}T11:00:00.000Z`)],
        },
      ],
    });
  }
  if (p === `/v1/public/tenants/${SLUG}/services/${CUT}/intake-fields`)
    return json(200, {
      items: [
        {
          key: 'hair_length',
          label: 'Hair length',
          type: 'select',
          required: true,
          options: ['Short', 'Long'],
        },
        { key: 'age', label: 'Age', type: 'number', required: false, options: [] },
        { key: 'consent', label: 'Patch test done', type: 'checkbox', required: true, options: [] },
      ],
    });
  if (p === `/v1/public/tenants/${SLUG}/services/${COLOUR}/intake-fields`)
    return json(200, { items: [] });
  if (p === '/v1/admin/bookings' && method === 'POST')
    return json(createAnswer.status, createAnswer.body);
  return json(404, { error: { code: 'not_found', message: `No route ${method} ${p}` } });
}

useDialogs();

beforeEach(() => {
  calls = [];
  createAnswer = { status: 201, body: CREATED };
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});
afterEach(() => vi.unstubAllGlobals());

function setup() {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  const user = renderAdminPage(
    <NewBookingDialog initialDate={DAY} onClose={onClose} onCreated={onCreated} />,
  );
  return { user, onCreated, onClose };
}

const posts = () => calls.filter((c) => c.method === 'POST' && c.path === '/v1/admin/bookings');
const errorOf = (control: HTMLElement) =>
  document.getElementById(control.getAttribute('aria-describedby') ?? '')?.textContent;
const times = () => screen.findAllByRole('button', { name: /^1[01]:00 AM$/ });
const book = (user: ReturnType<typeof userEvent.setup>) =>
  user.click(screen.getByRole('button', { name: 'Book' }));

async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Name' }), ' Ana Lima ');
  await user.type(screen.getByRole('textbox', { name: 'Phone' }), '+44 20 7946 0958');
  await user.selectOptions(screen.getByRole('combobox', { name: /hair length/i }), 'Long');
  await user.click(screen.getByRole('checkbox', { name: /patch test done/i }));
}

describe('NewBookingDialog', () => {
  it('records the customer’s consent to texts, which needs a phone number', async () => {
    const { user, onCreated } = setup();
    await user.click((await times())[1]!);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ana Lima');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ana@example.com');
    await user.selectOptions(screen.getByRole('combobox', { name: /hair length/i }), 'Long');
    await user.click(screen.getByRole('checkbox', { name: /patch test done/i }));
    const consent = screen.getByRole('checkbox', {
      name: 'The customer agrees to booking texts at this number',
    });
    expect(consent).not.toBeChecked();
    await user.click(consent);
    // Ticked without a phone: refused, and said on the phone input.
    await book(user);
    expect(posts()).toHaveLength(0);
    const phone = screen.getByRole('textbox', { name: 'Phone' });
    await vi.waitFor(() => expect(errorOf(phone)).toBe('Enter a phone number to send texts to.'));
    await user.type(phone, '+44 20 7946 0958');
    expect(phone).not.toHaveAttribute('aria-invalid');
    await book(user);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(CREATED));
    expect(posts()).toHaveLength(1);
    expect((posts()[0]!.body as { customer: unknown }).customer).toEqual({
      name: 'Ana Lima',
      email: 'ana@example.com',
      phone: '+44 20 7946 0958',
      smsOptIn: true,
    });
  });

  it('lists the day’s free times in the business zone for the first service', async () => {
    setup();
    expect((await times()).map((b) => b.textContent)).toEqual(['10:00 AM', '11:00 AM']);
    expect(screen.getByRole('dialog', { name: 'New booking' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Service' })).toHaveValue(CUT);
    // Only staff offering the service, after "Any available".
    const withWhom = screen.getByRole('combobox', { name: 'With' });
    expect(
      within(withWhom)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Any available', 'Pat']);
    const asked = calls.find((c) => c.path.endsWith('/availability'))!;
    expect(Object.fromEntries(asked.query)).toEqual({
      serviceId: CUT,
      from: DAY,
      to: DAY,
      timezone: ZONE,
    });
    expect(screen.getByRole('group', { name: /free times on tuesday, march 10, 2026/i })).toBe(
      (await times())[0]!.closest('fieldset'),
    );
  });

  it('refuses to send without a time, a name and an email or phone, and says where', async () => {
    const { user } = setup();
    await times();
    await book(user);
    expect(posts()).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 5 fields below.');
    const name = screen.getByRole('textbox', { name: 'Name' });
    const email = screen.getByRole('textbox', { name: 'Email' });
    expect(errorOf(name)).toBe('Enter the customer’s name.');
    expect(errorOf(email)).toBe('Give an email address or a phone number.');
    expect(screen.getByText('Pick one of the free times.')).toBeInTheDocument();
    expect(errorOf(screen.getByRole('combobox', { name: /hair length/i }))).toBe(
      'This field is required.',
    );
    // The first problem (the free times, top of the form) gets the focus.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getAllByRole('button', { name: /AM$/ })[0]),
    );

    // A phone alone is enough; a malformed email is not.
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '+44 20 7946 0958');
    expect(email).not.toHaveAttribute('aria-invalid');
    await user.type(email, 'ana@');
    expect(errorOf(email)).toMatch(/enter an email address/i);
    await user.clear(email);
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  it('sends the chosen slot, customer, intake answers and notes', async () => {
    const { user, onCreated } = setup();
    await user.click((await times())[1]!);
    expect(screen.getByRole('button', { name: '11:00 AM' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await fillRequired(user);
    await user.type(screen.getByRole('spinbutton', { name: /age/i }), '34');
    await user.type(screen.getByRole('textbox', { name: 'Customer’s note' }), 'Curly hair');
    await user.type(screen.getByRole('textbox', { name: /staff notes/i }), 'Walk-in, paid cash');
    await book(user);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(CREATED));
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.body).toEqual({
      serviceId: CUT,
      providerId: 'any',
      start: '2026-03-10T11:00:00.000Z',
      customer: { name: 'Ana Lima', phone: '+44 20 7946 0958' },
      timeZone: ZONE,
      notes: 'Curly hair',
      answers: { hair_length: 'Long', age: 34, consent: true },
      staffNotes: 'Walk-in, paid cash',
      overrideAvailability: false,
      recordPast: false,
    });
  });

  it('books a typed time outside availability for a chosen provider', async () => {
    const { user, onCreated } = setup();
    await times();
    await user.selectOptions(screen.getByRole('combobox', { name: 'With' }), 'Pat');
    const override = screen.getByRole('checkbox', { name: 'Book outside availability' });
    expect(errorOf(override)).toMatch(/never double-books/);
    await user.click(override);
    expect(screen.queryByRole('button', { name: /AM$/ })).toBeNull();
    const time = screen.getByLabelText(`Time (${ZONE})`);
    await user.clear(time);
    await user.type(time, '07:30');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Early Bird');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'early@example.com');
    await user.selectOptions(screen.getByRole('combobox', { name: /hair length/i }), 'Short');
    await user.click(screen.getByRole('checkbox', { name: /patch test done/i }));
    await book(user);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(posts()[0]!.body).toMatchObject({
      providerId: PAT,
      start: '2026-03-10T07:30:00.000Z',
      customer: { name: 'Early Bird', email: 'early@example.com' },
      answers: { hair_length: 'Short', consent: true },
      overrideAvailability: true,
    });
  });

  it('asks for another time when the slot was just taken, and refreshes the free times', async () => {
    const { user, onCreated } = setup();
    await user.click((await times())[0]!);
    await fillRequired(user);
    createAnswer = {
      status: 409,
      body: { error: { code: 'slot_unavailable', message: 'That time is no longer available' } },
    };
    const before = calls.filter((c) => c.path.endsWith('/availability')).length;
    await book(user);
    expect(await screen.findByText('That time was just taken; pick another.')).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.path.endsWith('/availability')).length).toBeGreaterThan(before),
    );
    // The taken slot is no longer selected, and the rest of the form is kept.
    for (const b of await times()) expect(b).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue(' Ana Lima ');
  });

  it('puts the API’s 422 issues on the inputs they are about', async () => {
    const { user, onCreated } = setup();
    await user.click((await times())[0]!);
    await fillRequired(user);
    createAnswer = {
      status: 422,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Invalid request',
          details: {
            issues: [
              { path: 'body.customer.email', message: 'Give an email address or a phone number' },
              { path: 'body.answers.hair_length', message: 'Not offered any more' },
              { path: 'body.somethingElse', message: 'Odd' },
            ],
          },
        },
      },
    };
    await book(user);
    const email = screen.getByRole('textbox', { name: 'Email' });
    await vi.waitFor(() => expect(errorOf(email)).toBe('Give an email address or a phone number'));
    expect(errorOf(screen.getByRole('combobox', { name: /hair length/i }))).toBe(
      'Not offered any more',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix 2 fields below.');
    expect(screen.getByRole('alert')).toHaveTextContent('somethingElse: Odd');
    expect(onCreated).not.toHaveBeenCalled();
    // An API error stands until its field is edited.
    await user.type(email, 'ana@example.com');
    expect(email).not.toHaveAttribute('aria-invalid');
  });

  it('changing the service resets its answers and asks for that service’s times', async () => {
    const { user } = setup();
    await times();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service' }), COLOUR);
    await vi.waitFor(() =>
      expect(
        calls.some((c) => c.path.endsWith('/availability') && c.query.get('serviceId') === COLOUR),
      ).toBe(true),
    );
    await vi.waitFor(() =>
      expect(screen.queryByRole('combobox', { name: /hair length/i })).toBeNull(),
    );
    const withWhom = screen.getByRole('combobox', { name: 'With' });
    expect(
      within(withWhom)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Any available', 'Ray']);
  });
});
