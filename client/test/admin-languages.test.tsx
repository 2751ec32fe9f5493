import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type AdminBooking } from '@slotwise/contracts';
import { App } from '../src/admin/App';
import { ADMIN_LOCALE_KEY, initialAdminLocale } from '../src/admin/language';
import { AdminSession } from '../src/admin/session';
import { ToastProvider } from '../src/admin/ui/kit';
import { I18nProvider, type Locale } from '../src/shared/i18n';
import { meReply, providerFixture, refreshReply, reply, serviceFixture } from './support/fake-api';

/**
 * The admin in Spanish and French: the real App, session and SDK against a fake API, checking
 * what an owner reads (navigation, the bookings list, the calendar's month heading) and that the
 * language menu switches everything at once and is remembered.
 */
const ZONE = 'Europe/Madrid';
const PAT = '44444444-4444-4444-8444-444444444444';
const CUT = '11111111-1111-4111-8111-111111111111';
const AT = '2026-12-01T09:00:00.000Z';

const BOOKING: AdminBooking = {
  id: '55555555-5555-4555-8555-555555555555',
  code: 'K7D2QX9M',
  status: 'confirmed',
  service: { id: CUT, name: 'Corte', durationMinutes: 60 },
  provider: { id: PAT, name: 'Pat' },
  customer: {
    id: '66666666-6666-4666-8666-666666666666',
    name: 'Ana Lima',
    email: 'ana@example.com',
    phone: null,
  },
  // Wednesday 9 December 2026, 11:00 in Madrid.
  start: '2026-12-09T10:00:00.000Z',
  end: '2026-12-09T11:00:00.000Z',
  timeZone: ZONE,
  seats: 1,
  priceCents: 2500,
  depositCents: 0,
  currency: 'EUR',
  notes: '',
  cancelReason: null,
  cancelledAt: null,
  createdAt: AT,
  updatedAt: AT,
  staffNotes: '',
  source: 'public',
  outsideAvailability: false,
  allowedActions: ['check_in', 'cancel', 'reschedule'],
};

async function fakeApi(input: string | URL | Request) {
  const p = new URL(String(input)).pathname;
  if (p === '/v1/auth/refresh') return refreshReply();
  if (p === '/v1/auth/me') return meReply('owner', { timeZone: ZONE, currency: 'EUR' });
  if (p === `/v1/admin/bookings/${BOOKING.id}`)
    return reply(contract.admin.bookings.get, 200, {
      ...BOOKING,
      participants: { providers: [{ id: PAT, name: 'Pat', role: 'primary' }], resources: [] },
      answers: [],
      history: [
        {
          id: '77777777-7777-4777-8777-777777777777',
          action: 'create',
          fromStatus: null,
          toStatus: 'confirmed',
          actor: { type: 'customer', id: null },
          reason: null,
          data: {},
          at: AT,
        },
      ],
    });
  if (p === '/v1/admin/bookings')
    return reply(contract.admin.bookings.list, 200, { items: [BOOKING], nextCursor: null });
  if (p === '/v1/admin/providers')
    return reply(contract.admin.providers.list, 200, {
      items: [providerFixture({ id: PAT, name: 'Pat', serviceIds: [CUT] })],
      nextCursor: null,
    });
  if (p === '/v1/admin/services')
    return reply(contract.admin.services.list, 200, {
      items: [serviceFixture({ id: CUT, name: 'Corte', providerIds: [PAT] })],
      nextCursor: null,
    });
  return new Response(JSON.stringify({ error: { code: 'not_found', message: p } }), {
    status: 404,
    headers: { 'Content-Type': 'application/json' },
  });
}

beforeAll(() => {
  // A desktop-wide window: jsdom has no media queries.
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }) as unknown as MediaQueryList;
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
beforeEach(() => {
  vi.stubGlobal('fetch', vi.fn(fakeApi));
  localStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

function renderAdmin(path: string, locale: Locale) {
  window.history.pushState(null, '', path);
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial={locale}>
        <ToastProvider>
          <App session={session} />
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const nav = () => screen.getByRole('navigation');

describe('the admin in Spanish', () => {
  it('names the navigation, the bookings list and its dates in Spanish', async () => {
    renderAdmin('/admin/bookings', 'es');
    expect(await screen.findByRole('heading', { level: 1, name: 'Reservas' })).toBeInTheDocument();
    for (const name of ['Panel', 'Calendario', 'Reservas', 'Clientes', 'Ajustes'])
      expect(within(nav()).getByRole('link', { name })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cerrar sesión' })).toBeInTheDocument();
    expect(screen.getByText('Todas las citas; horas en Europe/Madrid.')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Reservas' });
    expect(within(table).getByRole('columnheader', { name: 'Cuándo' })).toBeInTheDocument();
    expect(within(table).getByText('Confirmada')).toBeInTheDocument();
    // Weekday and month as Spanish writes them (lower case), 24-hour clock, euros after the number.
    expect(within(table).getByRole('button', { name: /^mié, 9 dic, 11:00$/ })).toBeInTheDocument();
    expect(within(table).getByText(/^25,00\s€$/)).toBeInTheDocument();
    expect(
      within(table).getByRole('button', { name: /^Registrar llegada Ana Lima mié, 9 dic/ }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Reservas · Studio');
  });

  it('opens a booking with its facts, actions and history in Spanish', async () => {
    renderAdmin(`/admin/bookings/${BOOKING.id}`, 'es');
    const dialog = await screen.findByRole('dialog', { name: 'Corte · Ana Lima' });
    expect(await within(dialog).findByText('Cuándo')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('mié, 9 dic 2026, 11:00 – 12:00');
    expect(within(dialog).getByRole('button', { name: 'Registrar llegada' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cancelar reserva' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Cambiar hora' })).toBeInTheDocument();
    const history = within(dialog).getByRole('region', { name: 'Historial' });
    expect(history).toHaveTextContent('creada → Confirmada por el cliente');
    expect(within(dialog).getByRole('button', { name: 'Cerrar' })).toBeInTheDocument();
  });

  it('heads the calendar week with the month in lower case: “diciembre de 2026”', async () => {
    renderAdmin('/admin/calendar', 'es');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Calendario' }),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Ir a la fecha'), { target: { value: '2026-12-09' } });
    expect(await screen.findByTestId('calendar-month')).toHaveTextContent(/^diciembre de 2026$/);
    expect(screen.getByText('7–13 dic')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'mié, 9 dic' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Semana' })).toHaveAttribute('aria-pressed', 'true');
    expect(
      await screen.findByRole('button', {
        name: '11:00 Ana Lima, Corte con Pat (Confirmada)',
      }),
    ).toBeInTheDocument();
    // A week across two months names both.
    fireEvent.change(screen.getByLabelText('Ir a la fecha'), { target: { value: '2026-12-30' } });
    expect(await screen.findByTestId('calendar-month')).toHaveTextContent(
      /^diciembre de 2026\s–\senero de 2027$/,
    );
  });
});

describe('the admin in French', () => {
  it('names the navigation and the bookings list in French', async () => {
    renderAdmin('/admin/bookings', 'fr');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Réservations' }),
    ).toBeInTheDocument();
    for (const name of ['Tableau de bord', 'Agenda', 'Clients', 'Paramètres'])
      expect(within(nav()).getByRole('link', { name })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Réservations' });
    expect(within(table).getByText('Confirmée')).toBeInTheDocument();
    expect(
      within(table).getByRole('button', { name: /^mer\. 9 déc\., 11:00$/ }),
    ).toBeInTheDocument();
  });

  it('heads the calendar week with “décembre 2026” and 24-hour times', async () => {
    renderAdmin('/admin/calendar', 'fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Agenda' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Aller à la date'), { target: { value: '2026-12-09' } });
    expect(await screen.findByTestId('calendar-month')).toHaveTextContent(/^décembre 2026$/);
    expect(
      await screen.findByRole('button', {
        name: '11:00 Ana Lima, Corte avec Pat (Confirmée)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('13 h')).toBeInTheDocument();
  });
});

describe('the dashboard in French', () => {
  it('greets, labels its numbers and lists today’s bookings in French', async () => {
    renderAdmin('/admin', 'fr');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Bonjour, Owner' }),
    ).toBeInTheDocument();
    const numbers = screen.getByLabelText('Chiffres clés');
    for (const label of ['Aujourd’hui', '7 prochains jours', 'En attente d’approbation'])
      expect(within(numbers).getByText(label)).toBeInTheDocument();
    const today = screen.getByRole('region', { name: 'Aujourd’hui' });
    expect(await within(today).findByText('Ana Lima')).toBeInTheDocument();
    expect(within(today).getByText('11:00')).toBeInTheDocument();
    expect(within(today).getByText('Confirmée')).toBeInTheDocument();
    expect(within(today).getByRole('link', { name: 'Ouvrir l’agenda' })).toBeInTheDocument();
  });
});

describe('the language menu', () => {
  it('switches the whole admin at once and remembers the choice in this browser', async () => {
    const user = renderAdmin('/admin/bookings', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bookings' })).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Calendar' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Español');
    expect(screen.getByRole('heading', { level: 1, name: 'Reservas' })).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Calendario' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Idioma' })).toHaveValue('es');
    expect(document.documentElement.lang).toBe('es');
    expect(localStorage.getItem(ADMIN_LOCALE_KEY)).toBe('es');
  });

  it('starts in the remembered language, else the browser’s first supported one, else English', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(initialAdminLocale(storage, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(initialAdminLocale(storage, ['de-DE'])).toBe('en');
    store.set(ADMIN_LOCALE_KEY, 'es');
    expect(initialAdminLocale(storage, ['fr-FR'])).toBe('es');
    store.set(ADMIN_LOCALE_KEY, 'xx');
    expect(initialAdminLocale(storage, ['fr-FR'])).toBe('fr');
  });
});
