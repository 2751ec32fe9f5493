import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { detectTimeZone, timeZones } from '../../shared/time';
import { browserLocales, currencyForLocales } from '../locale-defaults';
import { Link, navigate } from '../../shared/router';
import type { AdminSession } from '../session';
import { ErrorNote, fieldErrors, Select, TextInput } from '../ui/kit';

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
      title="Log in to your business"
      footer={
        <>
          New to Slotwise? <Link to="/admin/signup">Create an account</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit}>
        <ErrorNote error={login.error} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextInput
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="btn btn--primary btn--block" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
        <p className="auth__aside">
          <Link to="/admin/forgot-password">Forgot password?</Link>
        </p>
      </form>
    </AuthFrame>
  );
}

export function SignupPage({ session, onSignedIn }: { session: AdminSession; onSignedIn(): void }) {
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
      title="Create your booking page"
      footer={
        <>
          Already have an account? <Link to="/admin/login">Log in</Link>
        </>
      }
    >
      <form className="form" onSubmit={submit}>
        {signup.isError && !Object.keys(errors).length && <ErrorNote error={signup.error} />}
        <TextInput
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextInput
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters"
          value={form.password}
          onChange={set('password')}
          error={errors.password}
        />
        <TextInput
          label="Business name"
          required
          value={form.businessName}
          onChange={set('businessName')}
          error={errors.businessName}
        />
        <TextInput
          label="Booking page address"
          hint="Lower-case letters, digits and dashes; made from the business name when empty"
          value={form.slug}
          onChange={set('slug')}
          error={errors.slug}
        />
        <div className="grid-2">
          <Select
            label="Time zone"
            value={form.timeZone}
            onChange={set('timeZone')}
            error={errors.timeZone}
          >
            {timeZones(form.timeZone).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </Select>
          <Select
            label="Currency"
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
          {signup.isPending ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </AuthFrame>
  );
}
