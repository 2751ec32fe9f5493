import {
  BarChart3,
  CalendarDays,
  ClipboardList,
  CreditCard,
  Clock,
  MapPin,
  Hourglass,
  KeyRound,
  LayoutDashboard,
  ListChecks,
  Mail,
  Menu,
  RefreshCw,
  Scissors,
  Settings,
  UserCog,
  Users,
  type LucideIcon,
} from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../shared/i18n';
import { Link, matchPath, navigate, useLocation } from '../shared/router';
import { Loading } from '../shared/ui/states';
import { AuthGate, useAuth } from './auth';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { LoginPage, SignupPage } from './pages/AuthPages';
import { BookingFormPage } from './pages/BookingFormPage';
import { BookingsPage } from './pages/BookingsPage';
import { CalendarPage } from './pages/CalendarPage';
import { CalendarSyncPage } from './pages/CalendarSyncPage';
import { CustomersPage } from './pages/CustomersPage';
import { DashboardPage } from './pages/DashboardPage';
import { MessagesPage } from './pages/MessagesPage';
import { ReportsPage } from './pages/ReportsPage';
import { RESOURCES_NAV, ResourcesPage } from './pages/ResourcesPage';
import { ServicesPage } from './pages/ServicesPage';
import { SettingsPage } from './pages/SettingsPage';
import { StaffPage } from './pages/StaffPage';
import { LocationsPage } from './pages/LocationsPage';
import { TeamPage } from './pages/TeamPage';
import { WaitlistPage } from './pages/WaitlistPage';
import { PaymentsPage } from './pages/PaymentsPage';
import type { AdminSession } from './session';
import { LanguagePicker } from './ui/language-picker';
import { ACCOUNT_LINK_PAGES, AccountLinkPage, VerifyEmailBanner } from './pages/AccountPages';

// Icons from the Lucide set (lucide-react): drawn consistently, unlike Unicode symbols. Labels
// are message keys, shown in the admin's language.
const NAV: { to: string; label: MessageKey; icon: LucideIcon }[] = [
  { to: '/admin', label: 'admin.shell.nav.dashboard', icon: LayoutDashboard },
  { to: '/admin/calendar', label: 'admin.shell.nav.calendar', icon: CalendarDays },
  { to: '/admin/bookings', label: 'admin.shell.nav.bookings', icon: ListChecks },
  { to: '/admin/customers', label: 'admin.shell.nav.customers', icon: Users },
  { to: '/admin/waitlist', label: 'admin.shell.nav.waitlist', icon: Hourglass },
  { to: '/admin/services', label: 'admin.shell.nav.services', icon: Scissors },
  { to: '/admin/booking-form', label: 'admin.shell.nav.bookingForm', icon: ClipboardList },
  { to: '/admin/staff', label: 'admin.shell.nav.staff', icon: Clock },
  RESOURCES_NAV,
  { to: '/admin/locations', label: 'admin.locations.nav', icon: MapPin },
  { to: '/admin/team', label: 'admin.shell.nav.team', icon: UserCog },
  { to: '/admin/calendars', label: 'admin.shell.nav.calendarSync', icon: RefreshCw },
  { to: '/admin/api-keys', label: 'admin.shell.nav.apiKeys', icon: KeyRound },
  { to: '/admin/reports', label: 'admin.shell.nav.reports', icon: BarChart3 },
  { to: '/admin/payments', label: 'admin.shell.nav.payments', icon: CreditCard },
  { to: '/admin/messages', label: 'admin.shell.nav.messages', icon: Mail },
  { to: '/admin/settings', label: 'admin.shell.nav.settings', icon: Settings },
];

export function App({ session }: { session: AdminSession }) {
  const { path } = useLocation();
  const { t } = useI18n();
  // Emailed links (forgot / reset password, verify email) work signed in or not.
  if (ACCOUNT_LINK_PAGES.some((p) => path.startsWith(p))) return <AccountLinkPage path={path} session={session} />;
  return (
    <AuthGate
      session={session}
      booting={<Loading label={t('admin.common.loading')} />}
      anonymous={(signedIn) =>
        path.startsWith('/admin/signup') ? (
          <SignupPage session={session} onSignedIn={signedIn} />
        ) : (
          <LoginPage session={session} onSignedIn={signedIn} />
        )
      }
    >
      <Layout>
        <Routes path={path} />
      </Layout>
    </AuthGate>
  );
}

function Routes({ path }: { path: string }) {
  useEffect(() => {
    if (/^\/admin\/(login|signup)/.test(path)) navigate('/admin', { replace: true });
  }, [path]);
  const page = (pattern: string) => matchPath(pattern, path) !== null;
  // Calendar sync (its OAuth callback included) before the bookings calendar.
  if (page('/admin/calendars/callback')) return <CalendarSyncPage callback />;
  if (page('/admin/calendars')) return <CalendarSyncPage />;
  if (page('/admin/calendar')) return <CalendarPage />;
  const booking = matchPath('/admin/bookings/:id', path);
  if (page('/admin/bookings') || booking) return <BookingsPage openId={booking?.id} />;
  const customer = matchPath('/admin/customers/:id', path);
  if (page('/admin/customers') || customer) return <CustomersPage openId={customer?.id} />;
  if (page('/admin/waitlist')) return <WaitlistPage />;
  if (page('/admin/services')) return <ServicesPage />;
  if (page('/admin/booking-form')) return <BookingFormPage />;
  const provider = matchPath('/admin/staff/:id', path);
  if (page('/admin/staff') || provider) return <StaffPage openId={provider?.id} />;
  if (page('/admin/resources')) return <ResourcesPage />;
  if (page('/admin/locations')) return <LocationsPage />;
  if (page('/admin/team')) return <TeamPage />;
  if (page('/admin/api-keys')) return <ApiKeysPage />;
  if (page('/admin/reports')) return <ReportsPage />;
  if (page('/admin/messages')) return <MessagesPage />;
  if (page('/admin/payments')) return <PaymentsPage />;
  if (page('/admin/settings')) return <SettingsPage />;
  return <DashboardPage />;
}

function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useAuth();
  const { path } = useLocation();
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const section = NAV.filter((n) =>
    n.to === '/admin' ? path === '/admin' || path === '/admin/' : path.startsWith(n.to),
  ).at(-1);

  // A new page: close the mobile menu and move focus to its title for screen readers.
  useEffect(() => {
    setMenuOpen(false);
    document.querySelector<HTMLElement>('[data-page-title]')?.focus({ preventScroll: true });
  }, [path]);
  const sectionName = t(section?.label ?? 'admin.shell.admin');
  useEffect(() => {
    document.title = `${sectionName} · ${me.tenant.name}`;
  }, [sectionName, me.tenant.name]);

  return (
    <div className="admin">
      <a href="#admin-main" className="skip-link">
        {t('admin.shell.skip')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-btn topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="admin-nav"
          onClick={() => setMenuOpen((o) => !o)}
          aria-label={t('admin.shell.menu')}
        >
          <Menu aria-hidden="true" size={20} />
        </button>
        <span className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ◷
          </span>
          <span className="topbar__tenant">{me.tenant.name}</span>
        </span>
        <div className="topbar__right">
          <a
            className="btn btn--ghost btn--small topbar__public"
            href={`/book/${me.tenant.slug}`}
            target="_blank"
            rel="noreferrer"
          >
            {t('admin.shell.bookingPage')}
          </a>
          <LanguagePicker />
          <span className="topbar__user" title={me.user?.email}>
            {me.user?.name} <span className="badge">{me.role}</span>
          </span>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => void logout()}
          >
            {t('admin.shell.logOut')}
          </button>
        </div>
      </header>
      <nav
        id="admin-nav"
        className={`sidenav${menuOpen ? ' sidenav--open' : ''}`}
        aria-label={t('admin.shell.mainNav')}
      >
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <Link
                to={n.to}
                className={`sidenav__link${section?.to === n.to ? ' sidenav__link--active' : ''}`}
                aria-current={section?.to === n.to ? 'page' : undefined}
              >
                <n.icon className="sidenav__icon" aria-hidden="true" size={18} />
                {t(n.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="admin-main" className="admin__main">
        <VerifyEmailBanner />
        {children}
      </main>
    </div>
  );
}
