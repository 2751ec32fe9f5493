import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { contract } from '@slotwise/contracts';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthGate } from '../src/admin/auth';
import type { Tenant } from '../src/admin/data';
import { ServicesPage } from '../src/admin/pages/ServicesPage';
import { StaffPage } from '../src/admin/pages/StaffPage';
import { TeamPage } from '../src/admin/pages/TeamPage';
import { WaitlistPage } from '../src/admin/pages/WaitlistPage';
import { ApiKeysPage } from '../src/admin/pages/ApiKeysPage';
import { DefaultHoursSection } from '../src/admin/pages/settings/DefaultHoursSection';
import { RulesSection } from '../src/admin/pages/settings/RulesSection';
import { AdminSession } from '../src/admin/session';
import { ToastProvider } from '../src/admin/ui/kit';
import { I18nProvider, type Locale } from '../src/shared/i18n';
import {
  errorReply,
  meReply,
  providerFixture,
  refreshReply,
  reply,
  serviceFixture,
  tenantFixture,
} from './support/fake-api';

/**
 * The admin pages of this area in Spanish and French (and the default-hours editor in English):
 * every visible string from the catalogs, dates and money through Intl in the active language.
 */
const SVC = '00000000-0000-4000-8000-0000000000a1';
const PRO = '00000000-0000-4000-8000-0000000000b1';
const OWNER_ID = '00000000-0000-4000-8000-0000000000aa';

let patches: unknown[];
let reject: unknown;

const page = <T,>(items: T[]) => ({ items, nextCursor: null });

async function fakeApi(input: string | URL | Request, init: RequestInit = {}) {
  const p = new URL(String(input)).pathname;
  const method = (init.method ?? 'GET').toUpperCase();
  if (p === '/v1/auth/refresh') return refreshReply();
  if (p === '/v1/auth/me') return meReply('owner', { timeZone: 'Europe/Madrid' });
  if (p === '/v1/admin/tenant' && method === 'PATCH') {
    patches.push(JSON.parse(String(init.body)));
    if (reject) return errorReply(422, 'validation_failed', 'Invalid request', reject);
    return reply(contract.admin.tenant.update, 200, tenantFixture());
  }
  if (p === '/v1/admin/tenant')
    return reply(contract.admin.tenant.get, 200, tenantFixture({ timeZone: 'Europe/Madrid' }));
  if (p === '/v1/admin/services')
    return reply(
      contract.admin.services.list,
      200,
      page([
        serviceFixture({
          id: SVC,
          name: 'Corte',
          durationMinutes: 45,
          priceCents: 4000,
          currency: 'EUR',
          providerIds: [PRO],
        }),
      ]),
    );
  if (p === '/v1/admin/providers')
    return reply(
      contract.admin.providers.list,
      200,
      page([
        providerFixture({ id: PRO, name: 'Ana', timeZone: 'Europe/Madrid', serviceIds: [SVC] }),
      ]),
    );
  if (p === `/v1/admin/providers/${PRO}/hours`)
    return reply(contract.admin.schedules.getHours, 200, {
      providerId: PRO,
      timeZone: 'Europe/Madrid',
      intervals: [{ weekday: 1, startTime: '09:00', endTime: '17:00', serviceIds: null }],
    });
  if (p === `/v1/admin/providers/${PRO}/overrides` || p === '/v1/admin/blackouts')
    return new Response(JSON.stringify(page([])), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  if (p === '/v1/admin/members')
    return reply(
      contract.admin.members.list,
      200,
      page([
        {
          id: '00000000-0000-4000-8000-0000000000c1',
          userId: OWNER_ID,
          email: 'owner@example.com',
          name: 'Owner',
          role: 'owner' as const,
          createdAt: '2026-12-03T10:00:00.000Z',
        },
      ]),
    );
  if (p === '/v1/admin/waitlist')
    return reply(
      contract.admin.waitlist.list,
      200,
      page([
        {
          id: '00000000-0000-4000-8000-0000000000d1',
          service: { id: SVC, name: 'Corte' },
          providerId: null,
          customer: {
            id: '00000000-0000-4000-8000-0000000000e1',
            name: 'Lucía Pérez',
            email: 'lucia@example.com',
            phone: null,
          },
          fromDate: '2026-12-14',
          toDate: '2026-12-18',
          status: 'waiting' as const,
          notifiedAt: null,
          createdAt: '2026-12-03T10:00:00.000Z',
        },
      ]),
    );
  if (p === '/v1/admin/api-keys')
    return reply(
      contract.admin.apiKeys.list,
      200,
      page([
        {
          id: '00000000-0000-4000-8000-0000000000f1',
          name: 'Web',
          mode: 'live' as const,
          prefix: 'sk_live_ab',
          scopes: ['read' as const],
          createdAt: '2026-12-01T10:00:00.000Z',
          lastUsedAt: null,
          revokedAt: null,
        },
      ]),
    );
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

function setup(locale: Locale, children: ReactNode) {
  const store = new Map([['slotwise.admin.refreshToken', 'r1']]);
  const session = new AdminSession({
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => void store.set(k, v),
    removeItem: (k) => void store.delete(k),
  });
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <I18nProvider initial={locale}>
        <ToastProvider>
          <AuthGate session={session} booting={<p>booting</p>} anonymous={() => <p>anonymous</p>}>
            {children}
          </AuthGate>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const euros = (locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(40);
const normal = (s: string | null | undefined) => (s ?? '').replace(/\s/g, ' ');

describe('admin pages in Spanish and French', () => {
  const cases = [
    {
      locale: 'es' as const,
      services: ['Servicios', 'Duración', 'Lo ofrece', 'Reservable', 'Nuevo servicio'],
      staff: [
        'Personal y horarios',
        'Horario semanal',
        'Festivos y cierres',
        'Ausencias y horarios especiales',
      ],
      days: ['lunes', 'domingo'],
      team: ['Equipo', 'Propietario', '(tú)', 'Solo lectura'],
      month: /dic/,
    },
    {
      locale: 'fr' as const,
      services: ['Prestations', 'Durée', 'Proposée par', 'Réservable', 'Nouvelle prestation'],
      staff: [
        'Équipe et horaires',
        'Horaires hebdomadaires',
        'Jours fériés et fermetures',
        'Absences et horaires spéciaux',
      ],
      days: ['lundi', 'dimanche'],
      team: ['Équipe', 'Propriétaire', '(vous)', 'Lecture seule'],
      month: /déc/,
    },
  ];

  for (const c of cases) {
    it(`services in ${c.locale}: headings, columns, duration and price in the language`, async () => {
      setup(c.locale, <ServicesPage />);
      expect(await screen.findByRole('heading', { name: c.services[0]! })).toBeInTheDocument();
      const row = (await screen.findByText('Corte')).closest('tr')!;
      for (const text of c.services.slice(1))
        expect(screen.getAllByText(text)[0]).toBeInTheDocument();
      expect(normal(row.textContent)).toContain(normal(euros(c.locale)));
      expect(normal(euros(c.locale))).not.toBe(normal(euros('en')));
      expect(row.textContent).toContain('45 min');
      expect(screen.queryByText('Services')).toBeNull();
      expect(screen.queryByText('Bookable')).toBeNull();
    });

    it(`staff in ${c.locale}: weekly hours with lower-case weekday names from Intl`, async () => {
      setup(c.locale, <StaffPage />);
      expect(await screen.findByRole('heading', { name: c.staff[0]! })).toBeInTheDocument();
      for (const text of c.staff.slice(1))
        expect(await screen.findByText(text)).toBeInTheDocument();
      const monday = await screen.findByRole('checkbox', { name: c.days[0]! });
      expect(monday).toBeChecked();
      expect(screen.getByRole('checkbox', { name: c.days[1]! })).not.toBeChecked();
      expect(screen.queryByText('Weekly hours')).toBeNull();
      expect(screen.queryByRole('checkbox', { name: 'Monday' })).toBeNull();
    });

    it(`team in ${c.locale}: roles and the member's date in the language`, async () => {
      setup(c.locale, <TeamPage />);
      expect(await screen.findByRole('heading', { name: c.team[0]! })).toBeInTheDocument();
      const row = (await screen.findByText('owner@example.com')).closest('tr')!;
      expect(within(row).getByText(c.team[1]!)).toBeInTheDocument();
      expect(row.textContent).toContain(c.team[2]!);
      expect(row.textContent).toMatch(c.month);
      expect(screen.getByText(c.team[3]!)).toBeInTheDocument();
    });
  }

  it('the waitlist in French: status, date range and time through Intl, lower-case months', async () => {
    setup('fr', <WaitlistPage />);
    expect(await screen.findByRole('heading', { name: 'Liste d’attente' })).toBeInTheDocument();
    const card = (await screen.findByText('Lucía Pérez')).closest('li')!;
    expect(within(card).getByText('En attente')).toBeInTheDocument();
    const text = normal(card.textContent);
    expect(text).toMatch(/du lun\.? 14 déc\.? au ven\.? 18 déc/);
    expect(text).toContain('depuis le');
    expect(within(card).getByRole('button', { name: 'Proposer un créneau' })).toBeInTheDocument();
  });

  it('API keys in Spanish: columns, mode and "never used"', async () => {
    setup('es', <ApiKeysPage />);
    expect(await screen.findByRole('heading', { name: 'Claves de API' })).toBeInTheDocument();
    const row = (await screen.findByText('Web')).closest('tr')!;
    expect(within(row).getByText('real')).toBeInTheDocument();
    expect(within(row).getByText('Nunca')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Revocar' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Último uso' })).toBeInTheDocument();
  });

  it('booking rules in Spanish, with the saved toast in Spanish', async () => {
    const user = setup('es', <RulesSection tenant={tenantFixture() as Tenant} readOnly={false} />);
    expect(await screen.findByText('Reglas de reserva')).toBeInTheDocument();
    expect(screen.getByLabelText('Cargo por no presentarse (% del precio)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Reglas de reserva: guardado')).toBeInTheDocument();
  });
});

describe('default working hours (Settings)', () => {
  it('shows Monday–Friday 09:00–17:00, saves an edited week, and puts a refused interval on its row', async () => {
    const user = setup(
      'en',
      <DefaultHoursSection tenant={tenantFixture() as Tenant} readOnly={false} />,
    );
    expect(await screen.findByText('Default working hours')).toBeInTheDocument();
    expect(
      screen.getByText(/New staff members and rooms start with these hours/),
    ).toBeInTheDocument();
    for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      expect(screen.getByRole('checkbox', { name: d })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Saturday' })).not.toBeChecked();
    expect(screen.getByLabelText('Monday interval 1 start')).toHaveValue('09:00');
    expect(screen.getByLabelText('Friday interval 1 end')).toHaveValue('17:00');

    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    const satEnd = screen.getByLabelText('Saturday interval 1 end');
    await user.clear(satEnd);
    await user.type(satEnd, '13:00');
    await user.click(screen.getByRole('checkbox', { name: 'Wednesday' }));
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    expect(await screen.findByText('Default working hours saved')).toBeInTheDocument();
    expect(patches).toEqual([
      {
        settings: {
          defaultWeeklyHours: [
            { weekday: 1, startTime: '09:00', endTime: '17:00' },
            { weekday: 2, startTime: '09:00', endTime: '17:00' },
            { weekday: 4, startTime: '09:00', endTime: '17:00' },
            { weekday: 5, startTime: '09:00', endTime: '17:00' },
            { weekday: 6, startTime: '09:00', endTime: '13:00' },
          ],
        },
      },
    ]);

    // The server's verdict on one interval lands on that row (index 1 of the week = Tuesday).
    reject = {
      issues: [
        { path: 'body.settings.defaultWeeklyHours.1.endTime', message: 'Overlaps interval 0' },
      ],
    };
    await user.click(screen.getByRole('checkbox', { name: 'Sunday' }));
    await user.click(screen.getByRole('button', { name: 'Save hours' }));
    const tuesday = screen.getByLabelText('Tuesday interval 1 end').closest('.week__row')!;
    expect(
      await within(tuesday as HTMLElement).findByText('Overlaps interval 0'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Tuesday interval 1 end')).toHaveAttribute('aria-invalid', 'true');
  });

  it('is read-only for those who cannot change settings', async () => {
    setup('en', <DefaultHoursSection tenant={tenantFixture() as Tenant} readOnly />);
    expect(await screen.findByRole('checkbox', { name: 'Monday' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save hours' })).toBeNull();
  });
});
