import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, book, catalogue, signupOwner, startBookingApp, type Owner } from '../bookings/fixtures';
import type { TestApp } from '../support/test-app';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// The embedded default's gateway (no STRIPE_SECRET_KEY): the booking app's local card form.
let app: TestApp;
let owner: Owner;
let serviceId: string;
beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app, { currency: 'USD' });
  ({ serviceId } = await catalogue(app, owner, { priceCents: 4000 }));
  const r = await app.http.patch(`/v1/admin/services/${serviceId}`).set(owner.auth).send({ paymentPolicy: { mode: 'full' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});
afterAll(async () => app?.close());

const card = (number: string) => ({ number, expMonth: 12, expYear: 2099, cvc: '123' });

describe('local card form', () => {
  it('decline is 402 card_declined and nothing is paid; authentication then confirms', async () => {
    const b = (await book(app, owner, serviceId, at(2, '10:00'))) as unknown as { id: string; status: string; manageToken: string; payment: { clientMode: string; amountDue: number } };
    expect(b.status).toBe('pending_payment');
    expect(b.payment).toMatchObject({ clientMode: 'local', amountDue: 4000 });
    const declined = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/card`).send(card('4000 0000 0000 0002'));
    expect(declined.status).toBe(402);
    expect(declined.body.error.code).toBe('card_declined');
    const bad = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/card`).send({ ...card('4242424242424242'), expYear: 2001 });
    expect(bad.status).toBe(422);
    const action = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/card`).send(card('4000002500003155'));
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    expect([action.body.state, action.body.bookingStatus]).toEqual(['action_required', 'pending_payment']);
    const ok = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/authenticate`).send({ approve: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect([ok.body.state, ok.body.bookingStatus, ok.body.paid]).toEqual(['paid', 'confirmed', 4000]);
    // Paying again is refused: nothing is left to pay.
    const again = await app.http.post(`/v1/public/bookings/${b.manageToken}/payment/card`).send(card('4242424242424242'));
    expect(again.status).toBe(422);
    // The list shows the paid badge.
    const list = await app.http.get('/v1/admin/bookings').set(owner.auth);
    expect(list.body.items.find((x: { id: string }) => x.id === b.id).payment).toMatchObject({ state: 'paid', paid: 4000 });
  });

  it('an unknown manage token is 404; bookings that take no payment answer 422', async () => {
    const r = await app.http.get('/v1/public/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/payment');
    expect(r.status).toBe(404);
    const { serviceId: free } = await catalogue(app, owner, { priceCents: 1000, name: 'Free of payment' });
    const b = await book(app, owner, free, at(2, '14:00'));
    expect(b.status).toBe('confirmed');
    const p = await app.http.get(`/v1/public/bookings/${b.manageToken}/payment`);
    expect(p.status).toBe(422);
  });
});
