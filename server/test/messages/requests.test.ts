import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, book, catalogue, ownerQuery, startBookingApp, type Owner } from '../bookings/fixtures';
import { signupOwner, type TestApp } from '../support/test-app';
import { drainOutbox, messagesOf } from './support';

/** A booking that needs approval: "request received", the business asked to approve, then "confirmed". */
let app: TestApp;
let owner: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
  const t = await app.http
    .patch('/v1/admin/tenant')
    .set(owner.auth)
    .send({ settings: { notificationEmail: 'desk@biz.example' } });
  expect(t.status, t.text).toBe(200);
}, 120_000);
afterAll(async () => app?.close());

describe('a request the business approves', () => {
  it('request received + approval needed, then confirmed (once), and reminders only once confirmed', async () => {
    const { serviceId } = await catalogue(app, owner, { requiresApproval: true });
    const b = await book(app, owner, serviceId, at(3, '10:00'), { language: 'fr' });
    expect(b.status).toBe('pending');
    await drainOutbox(app);
    const log = async () =>
      (await messagesOf(app, owner.tenantId))
        .filter((m) => m.booking_id === b.id)
        .map((m) => `${m.to === 'desk@biz.example' ? 'desk' : 'customer'} ${m.template}`);
    expect(await log()).toEqual(['customer booking.requested', 'desk business.approval_needed']);
    const requested = (await messagesOf(app, owner.tenantId)).find(
      (m) => m.template === 'booking.requested',
    )!;
    expect(requested.subject).toBe('Demande reçue : Haircut');
    const reminders = () =>
      ownerQuery(app, "SELECT 1 FROM reminders WHERE booking_id = $1 AND status = 'scheduled'", [
        b.id,
      ]);
    expect(await reminders()).toHaveLength(0);

    const approved = await app.http
      .post(`/v1/admin/bookings/${b.id}/approve`)
      .set(owner.auth)
      .send({});
    expect(approved.status, approved.text).toBe(200);
    await drainOutbox(app);
    expect(await log()).toEqual([
      'customer booking.requested',
      'desk business.approval_needed',
      'customer booking.confirmed',
    ]);
    expect(await reminders()).toHaveLength(2);
  });
});
