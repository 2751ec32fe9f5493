import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { errorCode } from '../../shared/api';
import { useAuth } from '../auth';
import type { AdminSession } from '../session';
import { apiMessage, ErrorNote, fieldErrors, TextInput } from '../ui/kit';
import { AuthFrame } from './AuthPages';

/** Pages reached from emailed links or the login page; they work signed in or not. */
export const ACCOUNT_LINK_PAGES = ['/admin/forgot-password', '/admin/reset-password', '/admin/verify-email'];

/**
 * The token of an emailed link travels in the URL fragment (never sent to a server, so never in
 * an access log). It is read once and removed from the address bar and history.
 */
function useLinkToken(): string {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  useState(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    return null;
  });
  return token;
}

export function AccountLinkPage({ path, session }: { path: string; session: AdminSession }) {
  if (path.startsWith('/admin/reset-password')) return <ResetPasswordPage session={session} />;
  if (path.startsWith('/admin/verify-email')) return <VerifyEmailPage session={session} />;
  return <ForgotPasswordPage session={session} />;
}

function ForgotPasswordPage({ session }: { session: AdminSession }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: () => session.sdk.auth.requestPasswordReset({ body: { email } }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <AuthFrame
      title={t('admin.auth.forgotTitle')}
      footer={<Link to="/admin/login">{t('admin.auth.backToLogin')}</Link>}
    >
      {ask.isSuccess ? (
        <div className="alert alert--success" role="status">
          {ask.data.message}
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>{t('admin.auth.forgotIntro')}</p>
          <ErrorNote error={ask.error} />
          <TextInput label={t('admin.common.email')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <button className="btn btn--primary btn--block" disabled={ask.isPending}>
            {ask.isPending ? t('admin.auth.sending') : t('admin.auth.sendLink')}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}

function ResetPasswordPage({ session }: { session: AdminSession }) {
  const { t } = useI18n();
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: () => session.sdk.auth.resetPassword({ body: { token, password } }),
    // Every session was ended, this browser's included.
    onSuccess: () => session.clear(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== again);
    if (password === again) reset.mutate();
  };
  const errors = fieldErrors(reset.error);
  const expired = errorCode(reset.error) === 'invalid_token';
  return (
    <AuthFrame
      title={t('admin.auth.resetTitle')}
      footer={<Link to="/admin/login">{t('admin.auth.backToLogin')}</Link>}
    >
      {!token ? (
        <div className="alert alert--error" role="alert">
          {t('admin.auth.needsLink')}{' '}
          <Link to="/admin/forgot-password">{t('admin.auth.askNewLink')}</Link>.
        </div>
      ) : reset.isSuccess ? (
        <div className="alert alert--success" role="status">
          {t('admin.auth.passwordChanged')}{' '}
          <Link to="/admin/login">{t('admin.auth.logIn')}</Link> {t('admin.auth.withNewPassword')}
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          {expired ? (
            <div className="alert alert--error" role="alert">
              {apiMessage(reset.error)}{' '}
              <Link to="/admin/forgot-password">{t('admin.auth.askNewLink')}</Link>.
            </div>
          ) : (
            !errors.password && <ErrorNote error={reset.error} />
          )}
          <TextInput
            label={t('admin.auth.newPassword')}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint={t('admin.auth.passwordHint')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          <TextInput
            label={t('admin.auth.newPasswordAgain')}
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            error={mismatch ? t('admin.auth.passwordsDiffer') : undefined}
          />
          <button className="btn btn--primary btn--block" disabled={reset.isPending}>
            {reset.isPending ? t('admin.common.saving') : t('admin.auth.setPassword')}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}

function VerifyEmailPage({ session }: { session: AdminSession }) {
  const { t } = useI18n();
  const token = useLinkToken();
  const queryClient = useQueryClient();
  // A button, not an automatic call: a mail scanner opening the link must not spend the token.
  const verify = useMutation({
    mutationFn: () => session.sdk.auth.verifyEmail({ body: { token } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
  return (
    <AuthFrame
      title={t('admin.auth.verifyTitle')}
      footer={<Link to="/admin">{t('admin.auth.goToAdmin')}</Link>}
    >
      {!token ? (
        <div className="alert alert--error" role="alert">
          {t('admin.auth.needsLink')}
        </div>
      ) : verify.isSuccess ? (
        <div className="alert alert--success" role="status">
          {t('admin.auth.verified', { email: verify.data.email })}
        </div>
      ) : (
        <div className="form">
          <ErrorNote error={verify.error} />
          <button type="button" className="btn btn--primary btn--block" disabled={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? t('admin.auth.confirming') : t('admin.auth.confirmEmail')}
          </button>
        </div>
      )}
    </AuthFrame>
  );
}

/** Until the user's email is confirmed: a reminder with a button that emails the link. */
export function VerifyEmailBanner() {
  const { me, session } = useAuth();
  const { t } = useI18n();
  const send = useMutation({ mutationFn: () => session.sdk.auth.requestEmailVerification() });
  if (!me.user || me.user.emailVerified) return null;
  return (
    <div className="alert alert--warning verify-banner" role="status">
      <span>
        {t('admin.auth.verifyBannerBefore')} <strong>{me.user.email}</strong>
        {t('admin.auth.verifyBannerAfter')}
      </span>
      {send.isSuccess ? (
        <span>{send.data.message}</span>
      ) : (
        <button type="button" className="btn btn--secondary btn--small" disabled={send.isPending} onClick={() => send.mutate()}>
          {send.isPending ? t('admin.auth.sending') : t('admin.auth.emailLink')}
        </button>
      )}
      {send.isError && <span className="field__error">{apiMessage(send.error)}</span>}
    </div>
  );
}
