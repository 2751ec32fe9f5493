import { useEffect, useState } from 'react';
import { errorCode } from '../shared/api';
import { applyBrand } from '../shared/colors';
import { LOCALE_NAMES, LOCALES, useI18n, type Locale } from '../shared/i18n';
import { matchPath, useLocation } from '../shared/router';
import { ErrorState, Loading } from '../shared/ui/states';
import { BookingFlow } from './BookingFlow';
import { rememberLanguage } from './flow-url';
import { isEmbedded, reportHeight } from './embed';
import { ManagePage } from './ManagePage';
import { errorText } from './messages';
import { useTenant } from './queries';
import type { PublicTenant } from './types';

/** The public booking app: /book/{slug}, /embed/{slug} (inside the widget) and /manage/{token}. */
export function App() {
  const { path } = useLocation();
  const embedded = isEmbedded();
  useEffect(() => {
    if (!embedded) return;
    document.documentElement.classList.add('embedded');
    return reportHeight();
  }, [embedded]);

  const book = matchPath('/book/:slug', path) ?? matchPath('/embed/:slug', path);
  const manage = matchPath('/manage/:token', path);
  const [manageSlug, setManageSlug] = useState<string | null>(null);
  const slug = book?.slug ?? manageSlug;

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        <SkipLabel />
      </a>
      {slug ? <TenantHeader slug={slug} embedded={embedded} /> : <PlainHeader />}
      <main id="main" className="main">
        {book ? (
          <BookPage slug={book.slug} embedded={embedded} />
        ) : manage ? (
          <ManagePage token={manage.token} onTenantName={setManageSlug} />
        ) : (
          <NotFound />
        )}
      </main>
      {!embedded && (
        <footer className="footer">
          <PoweredBy />
        </footer>
      )}
    </div>
  );
}

function SkipLabel() {
  const { t } = useI18n();
  return <>{t('common.skip')}</>;
}

function PoweredBy() {
  const { t } = useI18n();
  return <span>{t('common.poweredBy')}</span>;
}

function NotFound() {
  const { t } = useI18n();
  return <ErrorState title={t('error.pageNotFound')} />;
}

function BookPage({ slug, embedded }: { slug: string; embedded: boolean }) {
  const { t } = useI18n();
  const tenant = useTenant(slug);
  if (tenant.isPending) return <Loading label={t('common.loading')} />;
  if (tenant.isError) {
    const missing = errorCode(tenant.error) === 'not_found';
    return (
      <ErrorState
        title={missing ? t('error.noBusiness') : t('error.title')}
        message={missing ? undefined : errorText(tenant.error, t)}
        onRetry={missing ? undefined : () => tenant.refetch()}
        retryLabel={t('common.retry')}
      />
    );
  }
  if (!tenant.data.acceptingBookings) {
    const contact = [tenant.data.phone, tenant.data.email].filter(Boolean).join(' · ');
    return (
      <ErrorState
        title={t('error.bookingClosed')}
        message={`${t('error.bookingClosedMessage')}${contact ? ` ${contact}` : ''}`}
      />
    );
  }
  return <BookingFlow slug={slug} tenant={tenant.data} embedded={embedded} />;
}

function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <label className="lang">
      <span className="sr-only">{t('common.language')}</span>
      <select
        value={locale}
        onChange={(e) => {
          setLocale(e.target.value as Locale);
          rememberLanguage(e.target.value);
        }}
        className="lang__select"
      >
        {(Object.keys(LOCALES) as Locale[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function PlainHeader() {
  return (
    <header className="header">
      <div className="header__inner">
        <span className="header__name">Slotwise</span>
        <LanguageSelect />
      </div>
    </header>
  );
}

function TenantHeader({ slug, embedded }: { slug: string; embedded: boolean }) {
  const tenant = useTenant(slug);
  const data: PublicTenant | undefined = tenant.data;
  useEffect(() => {
    if (!data) return;
    applyBrand(data.brandColor);
    if (!embedded) document.title = data.name;
  }, [data, embedded]);
  if (!data) return <PlainHeader />;
  return (
    <header className={`header${embedded ? ' header--compact' : ''}`}>
      <div className="header__inner">
        <div className="header__brand">
          {data.logoUrl ? (
            <img src={data.logoUrl} alt="" className="header__logo" />
          ) : (
            <span className="header__mark" aria-hidden="true">
              {data.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <div>
            <h1 className="header__name">{data.name}</h1>
            {!embedded && data.description && <p className="header__desc">{data.description}</p>}
          </div>
        </div>
        <LanguageSelect />
      </div>
    </header>
  );
}
