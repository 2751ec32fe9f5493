import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  it('rotates: the new refresh token works, the used one is rejected', async () => {
    const owner = await signupOwner(app);
    const first = await app.http.post('/v1/auth/refresh').send({ refreshToken: owner.refreshToken });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.refreshToken).not.toBe(owner.refreshToken);
    const me = await app.http.get('/v1/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`);
    expect(me.status).toBe(200);

    const reused = await app.http.post('/v1/auth/refresh').send({ refreshToken: owner.refreshToken });
    expectError(reused, 401, 'unauthenticated');

    const second = await app.http.post('/v1/auth/refresh').send({ refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    for (let round = 0; round < 5; round++) {
      const owner = await signupOwner(app);
      const results = await Promise.all(
        Array.from({ length: 2 }, () =>
          fetch(`${app.baseUrl}/v1/auth/refresh`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken: owner.refreshToken }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as { refreshToken?: string } })),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200)!;
      const again = await app.http.post('/v1/auth/refresh').send({ refreshToken: winner.body.refreshToken });
      expect(again.status).toBe(200);
    }
  });

  it('rejects an unknown refresh token', async () => {
    expectError(await app.http.post('/v1/auth/refresh').send({ refreshToken: 'rt_nope' }), 401, 'unauthenticated');
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
