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
import { ServicesPage } from './pages/ServicesPage';
import { SettingsPage } from './pages/SettingsPage';
import { StaffPage } from './pages/StaffPage';
import { LocationsPage } from './pages/LocationsPage';
import { TeamPage } from './pages/TeamPage';
import { WaitlistPage } from './pages/WaitlistPage';
import { PaymentsPage } from './pages/PaymentsPage';
import type { AdminSession } from './session';
import { ACCOUNT_LINK_PAGES, AccountLinkPage, VerifyEmailBanner } from './pages/AccountPages';

// Icons from the Lucide set (lucide-react): drawn consistently, unlike Unicode symbols.
const NAV: { to: string; label: string; icon: LucideIcon }[] = [
  { to: '/admin', label: 'Dashboard', icon: LayoutDashboard },
  { to: '/admin/calendar', label: 'Calendar', icon: CalendarDays },
  { to: '/admin/bookings', label: 'Bookings', icon: ListChecks },
  { to: '/admin/customers', label: 'Customers', icon: Users },
  { to: '/admin/waitlist', label: 'Waitlist', icon: Hourglass },
  { to: '/admin/services', label: 'Services', icon: Scissors },
  { to: '/admin/booking-form', label: 'Booking form', icon: ClipboardList },
  { to: '/admin/staff', label: 'Staff & hours', icon: Clock },
  { to: '/admin/locations', label: 'Locations', icon: MapPin },
  { to: '/admin/team', label: 'Team', icon: UserCog },
  { to: '/admin/calendars', label: 'Google sync', icon: RefreshCw },
  { to: '/admin/api-keys', label: 'API keys', icon: KeyRound },
  { to: '/admin/reports', label: 'Reports', icon: BarChart3 },
  { to: '/admin/payments', label: 'Payments', icon: CreditCard },
  { to: '/admin/messages', label: 'Messages', icon: Mail },
  { to: '/admin/settings', label: 'Settings', icon: Settings },
];

export function App({ session }: { session: AdminSession }) {
  const { path } = useLocation();
  // Emailed links (forgot / reset password, verify email) work signed in or not.
  if (ACCOUNT_LINK_PAGES.some((p) => path.startsWith(p))) return <AccountLinkPage path={path} session={session} />;
  return (
    <AuthGate
      session={session}
      booting={<Loading label="Loading…" />}
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
  const [menuOpen, setMenuOpen] = useState(false);
  const section = NAV.filter((n) =>
    n.to === '/admin' ? path === '/admin' || path === '/admin/' : path.startsWith(n.to),
  ).at(-1);

  // A new page: close the mobile menu and move focus to its title for screen readers.
  useEffect(() => {
    setMenuOpen(false);
    document.title = `${section?.label ?? 'Admin'} · ${me.tenant.name}`;
    document.querySelector<HTMLElement>('[data-page-title]')?.focus({ preventScroll: true });
  }, [path, section?.label, me.tenant.name]);

  return (
    <div className="admin">
      <a href="#admin-main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-btn topbar__menu"
          aria-expanded={menuOpen}
          aria-controls="admin-nav"
          onClick={() => setMenuOpen((o) => !o)}
          aria-label="Menu"
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
            Booking page ↗
          </a>
          <span className="topbar__user" title={me.user?.email}>
            {me.user?.name} <span className="badge">{me.role}</span>
          </span>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => void logout()}
          >
            Log out
          </button>
        </div>
      </header>
      <nav
        id="admin-nav"
        className={`sidenav${menuOpen ? ' sidenav--open' : ''}`}
        aria-label="Main"
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
                {n.label}
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
