import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { manualClock, ownerQuery } from '../bookings/fixtures';
import { postmarkStandIn } from '../support/postmark-standin';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

/**
 * Password reset and email verification as a locked-out owner uses them: the emails go out
 * through the official postmark SDK (pointed at the local stand-in) and the link is read from the
 * email, like a person would.
 */
let app: TestApp;
let pm: Awaited<ReturnType<typeof postmarkStandIn>>;
const clock = manualClock('2030-01-07T08:00:00.000Z');

beforeAll(async () => {
  pm = await postmarkStandIn();
  app = await startTestApp(
    { POSTMARK_SERVER_TOKEN: 'pm-test-token', POSTMARK_API_BASE: pm.url, MAIL_FROM: 'Slotwise <no-reply@slotwise.test>', LOGIN_FAILURES_PER_ACCOUNT: '3' },
    { clock },
  );
  await app.system.jobs.start();
});
afterAll(async () => {
  await app?.close();
  await pm?.close();
});

const tokenOf = (email: { TextBody: string }, page: string) => {
  const m = email.TextBody.match(new RegExp(`http://slotwise\\.test/admin/${page}#token=([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${page} link in: ${email.TextBody}`);
  return m[1]!;
};

describe('password reset', () => {
  it('a locked-out owner resets the password from the emailed link: every session ends, the new password logs in', async () => {
    const owner = await signupOwner(app);
    // Locked out: three wrong passwords, then even the right one is throttled.
    for (let i = 0; i < 3; i++) {
      const r = await app.http.post('/v1/auth/login').send({ email: owner.email, password: `wrong password ${i}` });
      expect(r.status).toBe(401);
    }
    expect((await app.http.post('/v1/auth/login').send({ email: owner.email, password: 'correct horse battery' })).status).toBe(429);

    const sent = pm.calls.length;
    const asked = await app.http.post('/v1/auth/password-reset').send({ email: owner.email.toUpperCase() });
    expect(asked.status).toBe(202);
    const email = await pm.next(owner.email, 'Set a new Slotwise password', sent);
    expect(email.HtmlBody).toContain('Choose a new password');
    const token = tokenOf(email, 'reset-password');

    // The log keeps the email, not the token; the token row keeps a hash.
    const [logged] = await ownerQuery<{ text_body: string; template: string }>(app, "SELECT text_body, template FROM email_messages WHERE template = 'account.password_reset' AND \"to\" = $1", [owner.email]);
    expect(logged!.text_body).toContain('#token=[redacted]');
    expect(logged!.text_body).not.toContain(token);
    expect(JSON.stringify(await ownerQuery(app, 'SELECT * FROM user_tokens'))).not.toContain(token);
    expect(JSON.stringify(await ownerQuery(app, 'SELECT * FROM outbox_events'))).not.toContain(token);

    const weak = await app.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'short' });
    expect(weak.status).toBe(422);
    const done = await app.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' });
    expect(done.status, JSON.stringify(done.body)).toBe(204);

    // Every session is gone: the access token and the refresh token family.
    expect((await app.http.get('/v1/auth/me').set(owner.auth)).status).toBe(401);
    expect((await app.http.post('/v1/auth/refresh').send({ refreshToken: owner.refreshToken })).status).toBe(401);
    expect((await app.http.post('/v1/auth/login').send({ email: owner.email, password: 'correct horse battery' })).status).toBe(401);
    // The throttle was lifted by the reset: the new password logs in straight away.
    const login = await app.http.post('/v1/auth/login').send({ email: owner.email, password: 'a brand new passphrase' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    // The link proved the mailbox.
    const me = await app.http.get('/v1/auth/me').set({ Authorization: `Bearer ${login.body.tokens.accessToken}` });
    expect(me.body.user.emailVerified).toBe(true);

    // Single use.
    const again = await app.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'yet another passphrase' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');
  });

  it('answers the same for an unknown email, and sends nothing', async () => {
    const owner = await signupOwner(app);
    const known = await app.http.post('/v1/auth/password-reset').send({ email: owner.email });
    const before = pm.calls.length;
    const unknown = await app.http.post('/v1/auth/password-reset').send({ email: 'nobody-here@example.com' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(await ownerQuery(app, "SELECT 1 FROM email_messages WHERE \"to\" = 'nobody-here@example.com'")).toEqual([]);
    expect(pm.calls.slice(before).some((c) => c.To === 'nobody-here@example.com')).toBe(false);
    // Malformed input is a 422 in the shared shape, not a different kind of 202.
    const bad = await app.http.post('/v1/auth/password-reset').send({ email: 'not an email' });
    expect(bad.status).toBe(422);
  });

  it('sends at most 3 reset emails an hour per account, and still answers 202', async () => {
    const owner = await signupOwner(app);
    for (let i = 0; i < 5; i++) expect((await app.http.post('/v1/auth/password-reset').send({ email: owner.email })).status).toBe(202);
    expect(await ownerQuery(app, "SELECT 1 FROM user_tokens WHERE user_id = $1 AND purpose = 'password_reset'", [owner.userId])).toHaveLength(3);
  });

  it('a link older than 30 minutes is refused and changes nothing', async () => {
    const owner = await signupOwner(app);
    const sent = pm.calls.length;
    await app.http.post('/v1/auth/password-reset').send({ email: owner.email });
    const token = tokenOf(await pm.next(owner.email, 'Set a new Slotwise password', sent), 'reset-password');
    clock.set('2030-01-07T08:31:00.000Z');
    try {
      const late = await app.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' });
      expect(late.status).toBe(400);
      expect(late.body.error.code).toBe('invalid_token');
      expect((await app.http.get('/v1/auth/me').set(owner.auth)).status).toBe(200);
    } finally {
      clock.set('2030-01-07T08:00:00.000Z');
    }
  });

  it('a made-up token is refused', async () => {
    const r = await app.http.post('/v1/auth/password-reset/confirm').send({ token: 'A'.repeat(43), password: 'a brand new passphrase' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_token');
  });
});

describe('email verification', () => {
  it('a new owner is unverified until the emailed link is followed, once', async () => {
    const owner = await signupOwner(app);
    expect((await app.http.get('/v1/auth/me').set(owner.auth)).body.user.emailVerified).toBe(false);
    const sent = pm.calls.length;
    const asked = await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send();
    expect(asked.status).toBe(202);
    const token = tokenOf(await pm.next(owner.email, 'Confirm your email address', sent), 'verify-email');
    const r = await app.http.post('/v1/auth/verify-email').send({ token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ email: owner.email, verified: true });
    expect((await app.http.get('/v1/auth/me').set(owner.auth)).body.user.emailVerified).toBe(true);
    expect((await app.http.post('/v1/auth/verify-email').send({ token })).status).toBe(400);
    // Already verified: asking again is a conflict, not another email.
    expect((await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send()).status).toBe(409);
    // API keys cannot ask (a person's mailbox is at stake).
    const key = await app.http.post('/v1/admin/api-keys').set(owner.auth).send({ name: 'k', mode: 'test', scopes: ['read', 'write'] });
    expect((await app.http.post('/v1/auth/verify-email/request').set({ Authorization: `Bearer ${key.body.secret}` }).send()).status).toBe(403);
  });

  it('the banner can ask for another link (session only), limited per hour', async () => {
    const owner = await signupOwner(app);
    const r1 = await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send();
    expect(r1.status).toBe(202);
    const r2 = await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send();
    expect(r2.status).toBe(202);
    expect((await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send()).status).toBe(202);
    // 3 this hour: the fourth is refused.
    const r3 = await app.http.post('/v1/auth/verify-email/request').set(owner.auth).send();
    expect(r3.status).toBe(429);
    expect(r3.body.error.code).toBe('rate_limited');
    const count = () => withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.count({ where: { template: 'account.email_verification' } }));
    while ((await count()) < 3) await new Promise((r) => setTimeout(r, 25)); // polling
    expect(await count()).toBe(3);
  });
});

describe('account emails in the business’s language', () => {
  it('a Spanish business gets its reset email in Spanish, a French one its verification email in French; the links work', async () => {
    const es = await signupOwner(app);
    expect((await app.http.patch('/v1/admin/tenant').set(es.auth).send({ locale: 'es' })).status).toBe(200);
    let sent = pm.calls.length;
    expect((await app.http.post('/v1/auth/password-reset').send({ email: es.email })).status).toBe(202);
    const reset = await pm.next(es.email, 'Elige una nueva contraseña de Slotwise', sent);
    expect(reset.TextBody).toContain('Abre este enlace en los próximos 30 minutos para elegirla. Sirve una sola vez:');
    expect(reset.HtmlBody).toContain('Elegir una nueva contraseña</a> (sirve una vez, durante 30 minutos).');
    const done = await app.http.post('/v1/auth/password-reset/confirm').send({ token: tokenOf(reset, 'reset-password'), password: 'una contraseña nueva' });
    expect(done.status, JSON.stringify(done.body)).toBe(204);

    const fr = await signupOwner(app);
    expect((await app.http.patch('/v1/admin/tenant').set(fr.auth).send({ locale: 'fr' })).status).toBe(200);
    sent = pm.calls.length;
    expect((await app.http.post('/v1/auth/verify-email/request').set(fr.auth).send()).status).toBe(202);
    const verify = await pm.next(fr.email, 'Confirmez votre adresse e-mail pour Slotwise', sent);
    expect(verify.TextBody).toMatch(/^Bonjour Owner,/);
    expect(verify.TextBody).toContain('Confirmez qu’il s’agit bien de votre adresse e-mail en ouvrant ce lien dans les 30 minutes :');
    expect(verify.HtmlBody).toContain('Confirmer mon adresse e-mail</a> (valable une fois, pendant 30 minutes).');
    const r = await app.http.post('/v1/auth/verify-email').send({ token: tokenOf(verify, 'verify-email') });
    expect(r.body).toEqual({ email: fr.email, verified: true });
  });
});
