import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHasher } from '../../src/app/auth/passwords';
import { sha256 } from '../../src/app/auth/secrets';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { countRows, expectError, ownerQuery, PASSWORD } from './helpers';

const JWT_SECRET = 'foundation-auth-test-secret-0123456789abcdef';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ JWT_SECRET });
});
afterAll(async () => app?.close());

const signupBody = (over: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.com`,
  password: PASSWORD,
  name: 'Nora Owner',
  businessName: 'Nora Nails',
  timeZone: 'America/New_York',
  ...over,
});

describe('signup', () => {
  it('creates the user, the tenant and the owner membership and returns a session', async () => {
    const body = signupBody({ email: 'Nora@Example.COM', slug: 'nora-nails', currency: 'EUR' });
    const res = await app.http.post('/v1/auth/signup').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'nora@example.com', name: 'Nora Owner' });
    expect(res.body.tenant).toMatchObject({ slug: 'nora-nails', name: 'Nora Nails', timeZone: 'America/New_York', currency: 'EUR' });
    expect(res.body.role).toBe('owner');
    expect(res.body.tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.tokens.refreshToken).toMatch(/^rt_/);
    expect(JSON.stringify(res.body)).not.toContain('password');

    const [user] = await ownerQuery<{ password_hash: string }>(app, 'SELECT password_hash FROM users WHERE email = $1', ['nora@example.com']);
    expect(user?.password_hash).toMatch(/^scrypt\$/);
    expect(user?.password_hash).not.toContain(PASSWORD);
    const members = await ownerQuery(app, 'SELECT role::text AS role FROM memberships WHERE tenant_id = $1', [res.body.tenant.id]);
    expect(members).toEqual([{ role: 'owner' }]);

    const me = await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${res.body.tokens.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: 'nora@example.com' }, apiKey: null, role: 'owner', tenant: { slug: 'nora-nails' } });
    expect(me.body.memberships).toEqual([{ tenantId: res.body.tenant.id, slug: 'nora-nails', name: 'Nora Nails', role: 'owner' }]);
  });

  it('derives a unique slug from the business name when none is given', async () => {
    const a = await app.http.post('/v1/auth/signup').send(signupBody({ businessName: 'Café Zoë & Co' }));
    const b = await app.http.post('/v1/auth/signup').send(signupBody({ businessName: 'Café Zoë & Co' }));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.tenant.slug).toBe('cafe-zoe-co');
    expect(b.body.tenant.slug).toBe('cafe-zoe-co-2');
  });

  it('rejects invalid input with 422 validation_failed and field issues, writing nothing', async () => {
    const users = await countRows(app, 'users');
    const res = await app.http.post('/v1/auth/signup').send(signupBody({ email: 'not-an-email', password: 'short', timeZone: 'Mars/Olympus', slug: 'Bad Slug' }));
    expectError(res, 422, 'validation_failed');
    const paths = (res.body.error.details.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['body.email', 'body.password', 'body.slug', 'body.timeZone']);
    expect(await countRows(app, 'users')).toBe(users);
  });

  it('refuses an email that already has an account with 409 email_taken (case-insensitively)', async () => {
    const owner = await signupOwner(app);
    const res = await app.http.post('/v1/auth/signup').send(signupBody({ email: owner.email.toUpperCase() }));
    expectError(res, 409, 'email_taken');
  });

  it('refuses a taken slug with 409 slug_taken', async () => {
    const owner = await signupOwner(app);
    const tenants = await countRows(app, 'tenants');
    const res = await app.http.post('/v1/auth/signup').send(signupBody({ slug: owner.slug }));
    expectError(res, 409, 'slug_taken');
    expect(await countRows(app, 'tenants')).toBe(tenants);
  });
});

describe('login', () => {
  it('logs in with the right password (email case does not matter)', async () => {
    const owner = await signupOwner(app);
    const res = await app.http.post('/v1/auth/login').send({ email: owner.email.toUpperCase(), password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ role: 'owner', tenant: { id: owner.tenantId }, user: { id: owner.userId } });
    const me = await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${res.body.tokens.accessToken}`);
    expect(me.status).toBe(200);
  });

  it('answers a wrong password and an unknown email identically: 401 invalid_credentials', async () => {
    const owner = await signupOwner(app);
    const wrong = await app.http.post('/v1/auth/login').send({ email: owner.email, password: 'wrong password here' });
    const unknown = await app.http.post('/v1/auth/login').send({ email: 'nobody-at-all@example.com', password: 'wrong password here' });
    expectError(wrong, 401, 'invalid_credentials');
    expectError(unknown, 401, 'invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(unknown.body.error.details).toEqual(wrong.body.error.details);
  });

  it('refuses a tenant the user is not a member of', async () => {
    const owner = await signupOwner(app);
    const other = await signupOwner(app);
    const res = await app.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD, tenantSlug: other.slug });
    expectError(res, 403, 'forbidden');
  });
});

describe('refresh', () => {
  const refresh = (refreshToken: string) => app.http.post('/v1/auth/refresh').send({ refreshToken });

  it('rotates: the new refresh token works, the used one is rejected', async () => {
    const owner = await signupOwner(app);
    const first = await refresh(owner.refreshToken);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.refreshToken).not.toBe(owner.refreshToken);
    const me = await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`);
    expect(me.status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  it('stores refresh tokens only as hashes', async () => {
    const owner = await signupOwner(app);
    const next = await refresh(owner.refreshToken);
    const dump = JSON.stringify([
      await ownerQuery(app, 'SELECT * FROM sessions WHERE user_id = $1', [owner.userId]),
      await ownerQuery(app, 'SELECT t.* FROM spent_refresh_tokens t JOIN sessions s ON s.id = t.session_id WHERE s.user_id = $1', [owner.userId]),
    ]);
    expect(dump).toContain(sha256(owner.refreshToken));
    expect(dump).not.toContain(owner.refreshToken.slice(3));
    expect(dump).not.toContain(next.body.refreshToken.slice(3));
  });

  // OAuth 2.0 Security BCP (RFC 9700 §4.14.2): a spent refresh token presented again means two
  // parties hold the family; revoke all of it, the live refresh token and access tokens included.
  it('detects reuse of a spent token and revokes the whole family', async () => {
    const owner = await signupOwner(app);
    const other = await app.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD });
    const r1 = await refresh(owner.refreshToken);
    const r2 = await refresh(r1.body.refreshToken);
    expect(r2.status).toBe(200);

    // The attacker replays the first, long spent token.
    const reused = await refresh(owner.refreshToken);
    expectError(reused, 401, 'refresh_token_reused');
    expect(reused.body.error.message).toMatch(/log in again/);

    // Every token of the family is dead: the live refresh token and every access token.
    expectError(await refresh(r2.body.refreshToken), 401, 'unauthenticated');
    for (const access of [owner.token, r1.body.accessToken, r2.body.accessToken]) {
      expectError(await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${access}`), 401, 'unauthenticated');
    }
    const [row] = await ownerQuery<{ revoke_reason: string }>(app, 'SELECT revoke_reason FROM sessions WHERE token_hash = $1', [sha256(r2.body.refreshToken)]);
    expect(row?.revoke_reason).toBe('refresh_token_reused');

    // Another login of the same user is another family and keeps working.
    expect((await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${other.body.tokens.accessToken}`)).status).toBe(200);
    expect((await refresh(other.body.tokens.refreshToken)).status).toBe(200);
  });

  it('treats the loser of two concurrent refreshes with one token as a reuse (strict rotation)', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await signupOwner(app);
      const results = await Promise.all(
        Array.from({ length: 2 }, () =>
          fetch(`${app.baseUrl}/v1/auth/refresh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken: owner.refreshToken }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { refreshToken?: string; error?: { code: string } } })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(results.find((r) => r.status === 401)!.body.error?.code).toBe('refresh_token_reused');
      // Never two live tokens of one family: the winner's successor died with the family.
      const winner = results.find((r) => r.status === 200)!;
      expectError(await refresh(winner.body.refreshToken!), 401, 'unauthenticated');
    }
  });

  it('never stores session tokens in an idempotency record, so a replayed refresh cannot skip reuse detection', async () => {
    const owner = await signupOwner(app);
    const key = { 'Idempotency-Key': `refresh-${owner.userId}` };
    const first = await app.http.post('/v1/auth/refresh').set(key).send({ refreshToken: owner.refreshToken });
    expect(first.status).toBe(200);
    const again = await app.http.post('/v1/auth/refresh').set(key).send({ refreshToken: owner.refreshToken });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expectError(again, 401, 'refresh_token_reused');

    const login = { 'Idempotency-Key': `login-${owner.userId}` };
    const a = await app.http.post('/v1/auth/login').set(login).send({ email: owner.email, password: PASSWORD });
    const b = await app.http.post('/v1/auth/login').set(login).send({ email: owner.email, password: PASSWORD });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.tokens.refreshToken).not.toBe(a.body.tokens.refreshToken);
    const stored = JSON.stringify(await ownerQuery(app, 'SELECT * FROM idempotency_records'));
    for (const t of [first.body.refreshToken, a.body.tokens.refreshToken, b.body.tokens.refreshToken]) expect(stored).not.toContain(t);
  });

  it('rejects an unknown refresh token without ending anything', async () => {
    const owner = await signupOwner(app);
    expectError(await refresh('rt_nope'), 401, 'unauthenticated');
    expect((await app.http.get('/v1/auth/me').set(owner.auth)).status).toBe(200);
  });
});

describe('password hashing', () => {
  it('uses scrypt N=2^17, r=8, p=1 by default, with the parameters stored in the hash', async () => {
    const hasher = passwordHasher(17);
    const stored = await hasher.hash(PASSWORD);
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(await hasher.verify(PASSWORD, stored)).toEqual({ ok: true, rehash: false });
    expect(await hasher.verify('wrong password', stored)).toEqual({ ok: false, rehash: false });
    expect(await hasher.verify(PASSWORD, null)).toEqual({ ok: false, rehash: false });
    // Absurd parameters in a stored value are refused, not computed.
    for (const absurd of ['scrypt$4194304$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'scrypt$1048576$32$16$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await hasher.verify(PASSWORD, absurd)).toEqual({ ok: false, rehash: false });
    }
  });

  it('verifies exactly the password it hashed, and refuses any malformed stored value without throwing', async () => {
    const hasher = passwordHasher(10);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), async (password, other) => {
        const stored = await hasher.hash(password);
        expect(await hasher.verify(password, stored)).toEqual({ ok: true, rehash: false });
        if (other !== password) expect((await hasher.verify(other, stored)).ok).toBe(false);
      }),
      { numRuns: 25 },
    );
    const segment = fc.oneof(fc.constantFrom('scrypt', '1024', '0', '-8', '3', '1e3', '', 'AAAA', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 8 }), async (parts) => {
        const check = await hasher.verify(PASSWORD, parts.join('$'));
        expect(check.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rehashes an older-cost hash on the next successful login, transparently', async () => {
    const owner = await signupOwner(app);
    // A hash from before the cost was raised (the app under test hashes at 2^10).
    const legacy = await passwordHasher(11).hash(PASSWORD);
    await ownerQuery(app, 'UPDATE users SET password_hash = $2 WHERE id = $1', [owner.userId, legacy]);
    const stored = async () => (await ownerQuery<{ password_hash: string }>(app, 'SELECT password_hash FROM users WHERE id = $1', [owner.userId]))[0]!.password_hash;

    expectError(await app.http.post('/v1/auth/login').send({ email: owner.email, password: 'wrong password here' }), 401, 'invalid_credentials');
    expect(await stored()).toBe(legacy);

    expect((await app.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD })).status).toBe(200);
    const upgraded = await stored();
    expect(upgraded).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(upgraded).not.toBe(legacy);

    expect((await app.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD })).status).toBe(200);
    expect(await stored()).toBe(upgraded);
  });
});

describe('logout', () => {
  it('ends the session: its access token and refresh token stop working at once', async () => {
    const owner = await signupOwner(app);
    const out = await app.http.post('/v1/auth/logout').set(owner.auth);
    expect(out.status).toBe(204);
    expectError(await app.http.get('/v1/auth/me').set(owner.auth), 401, 'unauthenticated');
    expectError(await app.http.post('/v1/auth/refresh').send({ refreshToken: owner.refreshToken }), 401, 'unauthenticated');
  });

  it('ends only that session', async () => {
    const owner = await signupOwner(app);
    const other = await app.http.post('/v1/auth/login').send({ email: owner.email, password: PASSWORD });
    await app.http.post('/v1/auth/logout').set(owner.auth).expect(204);
    const me = await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${other.body.tokens.accessToken}`);
    expect(me.status).toBe(200);
  });
});

describe('access tokens', () => {
  const key = new TextEncoder().encode(JWT_SECRET);
  const sign = (claims: { sub: string; tid: string; sid: string }, exp: number, secret = key) =>
    new SignJWT({ tid: claims.tid, sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('slotwise')
      .setAudience('slotwise-api')
      .setIssuedAt(exp - 900)
      .setExpirationTime(exp)
      .sign(secret);

  it('answers an expired access token with 401 token_expired', async () => {
    const owner = await signupOwner(app);
    const [session] = await ownerQuery<{ id: string }>(app, 'SELECT id FROM sessions WHERE user_id = $1', [owner.userId]);
    const claims = { sub: owner.userId, tid: owner.tenantId, sid: session!.id };
    const now = Math.floor(Date.now() / 1000);

    const valid = await sign(claims, now + 600);
    expect((await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${valid}`)).status).toBe(200);

    const expired = await sign(claims, now - 60);
    expectError(await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${expired}`), 401, 'token_expired');
  });

  it('rejects a token signed with another secret or tampered with', async () => {
    const owner = await signupOwner(app);
    const [session] = await ownerQuery<{ id: string }>(app, 'SELECT id FROM sessions WHERE user_id = $1', [owner.userId]);
    const forged = await sign({ sub: owner.userId, tid: owner.tenantId, sid: session!.id }, Math.floor(Date.now() / 1000) + 600, new TextEncoder().encode('x'.repeat(40)));
    expectError(await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${forged}`), 401, 'unauthenticated');
    const [h, , s] = owner.token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: owner.userId, tid: '00000000-0000-4000-8000-000000000000', sid: session!.id })).toString('base64url');
    expectError(await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${h}.${payload}.${s}`), 401, 'unauthenticated');
  });

  it('requires authentication on member routes', async () => {
    expectError(await app.http.get('/v1/auth/me'), 401, 'unauthenticated');
    expectError(await app.http.get('/v1/admin/tenant'), 401, 'unauthenticated');
  });
});
