import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
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
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: () => session.sdk.auth.requestPasswordReset({ body: { email } }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <AuthFrame title="Forgot your password?" footer={<Link to="/admin/login">Back to log in</Link>}>
      {ask.isSuccess ? (
        <div className="alert alert--success" role="status">
          {ask.data.message}
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>Enter the email you log in with. We will send you a link to choose a new password.</p>
          <ErrorNote error={ask.error} />
          <TextInput label="Email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <button className="btn btn--primary btn--block" disabled={ask.isPending}>
            {ask.isPending ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}

function ResetPasswordPage({ session }: { session: AdminSession }) {
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
    <AuthFrame title="Choose a new password" footer={<Link to="/admin/login">Back to log in</Link>}>
      {!token ? (
        <div className="alert alert--error" role="alert">
          This page needs the link from your email. <Link to="/admin/forgot-password">Ask for a new link</Link>.
        </div>
      ) : reset.isSuccess ? (
        <div className="alert alert--success" role="status">
          Your password is changed and you are signed out everywhere. <Link to="/admin/login">Log in</Link> with the new password.
        </div>
      ) : (
        <form className="form" onSubmit={submit}>
          {expired ? (
            <div className="alert alert--error" role="alert">
              {apiMessage(reset.error)} <Link to="/admin/forgot-password">Ask for a new link</Link>.
            </div>
          ) : (
            !errors.password && <ErrorNote error={reset.error} />
          )}
          <TextInput
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            hint="At least 10 characters"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          <TextInput
            label="New password again"
            type="password"
            autoComplete="new-password"
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            error={mismatch ? 'The two passwords differ' : undefined}
          />
          <button className="btn btn--primary btn--block" disabled={reset.isPending}>
            {reset.isPending ? 'Saving…' : 'Set the new password'}
          </button>
        </form>
      )}
    </AuthFrame>
  );
}

function VerifyEmailPage({ session }: { session: AdminSession }) {
  const token = useLinkToken();
  const queryClient = useQueryClient();
  // A button, not an automatic call: a mail scanner opening the link must not spend the token.
  const verify = useMutation({
    mutationFn: () => session.sdk.auth.verifyEmail({ body: { token } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
  return (
    <AuthFrame title="Confirm your email address" footer={<Link to="/admin">Go to the admin</Link>}>
      {!token ? (
        <div className="alert alert--error" role="alert">
          This page needs the link from your email.
        </div>
      ) : verify.isSuccess ? (
        <div className="alert alert--success" role="status">
          Thank you: {verify.data.email} is confirmed.
        </div>
      ) : (
        <div className="form">
          <ErrorNote error={verify.error} />
          <button type="button" className="btn btn--primary btn--block" disabled={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? 'Confirming…' : 'Confirm my email address'}
          </button>
        </div>
      )}
    </AuthFrame>
  );
}

/** Until the user's email is confirmed: a reminder with a button that emails the link. */
export function VerifyEmailBanner() {
  const { me, session } = useAuth();
  const send = useMutation({ mutationFn: () => session.sdk.auth.requestEmailVerification() });
  if (!me.user || me.user.emailVerified) return null;
  return (
    <div className="alert alert--warning verify-banner" role="status">
      <span>
        Please confirm your email address, <strong>{me.user.email}</strong>: it is how you get back in if you forget your password.
      </span>
      {send.isSuccess ? (
        <span>{send.data.message}</span>
      ) : (
        <button type="button" className="btn btn--secondary btn--small" disabled={send.isPending} onClick={() => send.mutate()}>
          {send.isPending ? 'Sending…' : 'Email me the link'}
        </button>
      )}
      {send.isError && <span className="field__error">{apiMessage(send.error)}</span>}
    </div>
  );
}
