import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, catalogue, bookingBody, startBookingApp } from '../bookings/fixtures';
import { withTenant } from '../../src/adapters/prisma/with-tenant';
import { signupOwner, type TestApp } from '../support/test-app';

// Links customers receive are built from PUBLIC_URL only: a Host (or X-Forwarded-Host) header
// is chosen by whoever sends the request, so a link built from it could point customers and
// their manage tokens at an attacker's site.
let app: TestApp;
beforeAll(async () => {
  ({ app } = await startBookingApp({ PUBLIC_URL: 'https://book.example.com' }));
});
afterAll(() => app?.close());

const HOSTILE = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };

describe('links in responses, emails and invites', () => {
  it('ignore the Host header of public and staff booking requests', async () => {
    const owner = await signupOwner(app);
    const { serviceId } = await catalogue(app, owner);

    const pub = await app.http.post(`/v1/public/tenants/${owner.slug}/bookings`).set(HOSTILE).send(bookingBody(serviceId, at(1, '10:00')));
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    expect(pub.body.manageUrl).toBe(`https://book.example.com/manage/${pub.body.manageToken}`);

    const staff = await app.http.post('/v1/admin/bookings').set(owner.auth).set(HOSTILE).send(bookingBody(serviceId, at(1, '12:00')));
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    expect(staff.body.manageUrl).toBe(`https://book.example.com/manage/${staff.body.manageToken}`);

    const ics = await app.http.get(`/v1/public/bookings/${pub.body.manageToken}/calendar.ics`).set(HOSTILE);
    expect(ics.status).toBe(200);
    const text = ics.text.replace(/\r\n[ \t]/g, '');
    expect(text).toContain(`URL:https://book.example.com/manage/${pub.body.manageToken}`);
    expect(text).toContain(`UID:${pub.body.id}@book.example.com`);
    expect(text).not.toContain('evil.example');

    // The confirmation emails (recorded by the local mailer) link only to PUBLIC_URL.
    await app.system.jobs.start();
    const mails = await waitFor(async () => {
      const rows = await withTenant(app.system.db.prisma, owner.tenantId, (tx) => tx.emailMessage.findMany());
      return rows.length >= 2 ? rows : null;
    });
    for (const m of mails) {
      const body = JSON.stringify(m);
      expect(body).not.toContain('evil.example');
      for (const url of m.textBody.match(/https?:\/\/[^\s"]+/g) ?? []) expect(url).toMatch(/^https:\/\/book\.example\.com\//);
    }
  });
});

async function waitFor<T>(fn: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
