import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../shared/i18n';
import { detectTimeZone, timeZones } from '../../shared/time';
import { browserLocales, currencyForLocales } from '../locale-defaults';
import { Link, navigate } from '../../shared/router';
import type { AdminSession } from '../session';
import { ErrorNote, fieldErrors, Select, TextInput } from '../ui/kit';
import { LanguagePicker } from '../ui/language-picker';

const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'JPY',
  'INR',
  'CHF',
  'SEK',
  'NZD',
  'SGD',
  'MXN',
  'BRL',
  'ZAR',
];

export function AuthFrame({
  title,
  children,
  footer,
}: {
  title: string;
  children: React.ReactNode;
  footer: React.ReactNode;
}) {
  return (
    <main className="auth">
      <div className="auth__card">
        <LanguagePicker className="auth__lang" />
        <p className="auth__logo" aria-hidden="true">
          <span>◷</span> Slotwise
        </p>
        <h1 className="auth__title">{title}</h1>
        {children}
        <p className="auth__footer">{footer}</p>
      </div>
    </main>
  );
}

export function LoginPage({ session, onSignedIn }: { session: AdminSession; onSignedIn(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => session.sdk.auth.login({ body: { email, password } }),
    onSuccess: (s) => {
      session.adopt(s);
      onSignedIn();
      if (
        !window.location.pathname.startsWith('/admin/') ||
        /\/admin\/(login|signup)/.test(window.location.pathname)
      )
        navigate('/admin');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <AuthFrame
      title={t('admin.auth.loginTitle')}
      footer={
        <>
          {t('admin.auth.newHere')}{' '}
          <Link to="/admin/signup">{t('admin.auth.createAccountLink')}</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit}>
        <ErrorNote error={login.error} />
        <TextInput
          label={t('admin.common.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextInput
          label={t('admin.common.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="btn btn--primary btn--block" disabled={login.isPending}>
          {login.isPending ? t('admin.auth.loggingIn') : t('admin.auth.logIn')}
        </button>
        <p className="auth__aside">
          <Link to="/admin/forgot-password">{t('admin.auth.forgot')}</Link>
        </p>
      </form>
    </AuthFrame>
  );
}

export function SignupPage({ session, onSignedIn }: { session: AdminSession; onSignedIn(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    businessName: '',
    slug: '',
    // Zone and currency from the browser (es-ES → EUR, en-GB → GBP); both can be changed.
    timeZone: detectTimeZone(),
    currency: currencyForLocales(browserLocales(), CURRENCIES),
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const signup = useMutation({
    mutationFn: () =>
      session.sdk.auth.signup({ body: { ...form, slug: form.slug.trim() || undefined } }),
    onSuccess: (s) => {
      session.adopt(s);
      onSignedIn();
      navigate('/admin');
    },
  });
  const errors = fieldErrors(signup.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signup.mutate();
  };
  return (
    <AuthFrame
      title={t('admin.auth.signupTitle')}
      footer={
        <>
          {t('admin.auth.haveAccount')} <Link to="/admin/login">{t('admin.auth.logIn')}</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit}>
        {signup.isError && !Object.keys(errors).length && <ErrorNote error={signup.error} />}
        <TextInput
          label={t('admin.auth.yourName')}
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextInput
          label={t('admin.common.email')}
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextInput
          label={t('admin.common.password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t('admin.auth.passwordHint')}
          value={form.password}
          onChange={set('password')}
          error={errors.password}
        />
        <TextInput
          label={t('admin.auth.businessName')}
          required
          value={form.businessName}
          onChange={set('businessName')}
          error={errors.businessName}
        />
        <TextInput
          label={t('admin.auth.slug')}
          hint={t('admin.auth.slugHint')}
          value={form.slug}
          onChange={set('slug')}
          error={errors.slug}
        />
        <div className="grid-2">
          <Select
            label={t('admin.auth.timeZone')}
            value={form.timeZone}
            onChange={set('timeZone')}
            error={errors.timeZone}
          >
            {timeZones(form.timeZone).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </Select>
          <Select
            label={t('admin.auth.currency')}
            value={form.currency}
            onChange={set('currency')}
            error={errors.currency}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </div>
        <button className="btn btn--primary btn--block" disabled={signup.isPending}>
          {signup.isPending ? t('admin.auth.creating') : t('admin.auth.createAccount')}
        </button>
      </form>
    </AuthFrame>
  );
}
