import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('smoke', () => {
  it('is ready and serves a signed-up tenant publicly', async () => {
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('ok');
    const owner = await signupOwner(app);
    const pub = await app.http.get(`/v1/public/tenants/${owner.slug}`);
    expect(pub.status).toBe(200);
    expect(pub.body.timeZone).toBe('Europe/London');
    const me = await app.http.get('/v1/auth/me').set(owner.auth);
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('owner');
  });
});
