import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../support/test-app';
import {
  adminBook,
  at,
  book,
  bookingBody,
  catalogue,
  manualClock,
  NOW,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let app: TestApp;
let clock: ReturnType<typeof manualClock>;
let owner: Owner;

beforeAll(async () => {
  ({ app, clock } = await startBookingApp());
  owner = await signupOwner(app);
});
afterAll(async () => app?.close());

const post = (id: string, route: string, body: object = {}) =>
  app.http.post(`/v1/admin/bookings/${id}/${route}`).set(owner.auth).send(body);
const detail = async (id: string) =>
  (await app.http.get(`/v1/admin/bookings/${id}`).set(owner.auth)).body as {
    status: string;
    allowedActions: string[];
  };
const minutesBefore = (iso: string, m: number) =>
  new Date(Date.parse(iso) - m * 60_000).toISOString();

describe('lifecycle guards (issue 18 point 5)', () => {
  it('check-in opens the configured time before the start; complete only once started', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Guards' });
    const b = await book(app, owner, serviceId, at(1, '10:00'));
    clock.set(minutesBefore(b.start, 61));
    const early = await post(b.id, 'check-in');
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'unprocessable',
      details: { reason: 'check_in_not_open', opensAt: minutesBefore(b.start, 60) },
    });
    expect((await detail(b.id)).allowedActions).toEqual(['cancel', 'reschedule']);
    const done = await post(b.id, 'complete');
    expect(done.status).toBe(422);
    expect(done.body.error.details.reason).toBe('not_started');
    expect((await detail(b.id)).status).toBe('confirmed');

    clock.set(minutesBefore(b.start, 60));
    expect((await detail(b.id)).allowedActions).toEqual(['check_in', 'cancel', 'reschedule']);
    expect((await post(b.id, 'check-in')).status).toBe(200);
    // Checked in, not started: complete waits for the start.
    expect((await post(b.id, 'complete')).status).toBe(422);
    clock.set(b.start);
    expect((await detail(b.id)).allowedActions).toEqual(['complete']);
    expect((await post(b.id, 'complete')).status).toBe(200);
    clock.set(NOW);
  });

  it('the business sets how early check-in opens', async () => {
    const r = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ settings: { checkInOpensMinutes: 180 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.settings.checkInOpensMinutes).toBe(180);
    const { serviceId } = await catalogue(app, owner, { name: 'Early' });
    const b = await book(app, owner, serviceId, at(2, '12:00'));
    clock.set(minutesBefore(b.start, 179));
    expect((await post(b.id, 'check-in')).status).toBe(200);
    clock.set(NOW);
    const bad = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .send({ settings: { checkInOpensMinutes: -5 } });
    expect(bad.status).toBe(422);
  });

  it('a pending request offers Approve and Decline, not also Confirm', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Ask', requiresApproval: true });
    const b = await book(app, owner, serviceId, at(3, '10:00'));
    expect((await detail(b.id)).allowedActions).toEqual([
      'approve',
      'decline',
      'cancel',
      'reschedule',
    ]);
  });

  it('staff record a past booking only when they say so; nothing is stored otherwise', async () => {
    const { serviceId } = await catalogue(app, owner, { name: 'Past' });
    const past = bookingBody(serviceId, at(-2, '10:00'));
    const refused = await app.http.post('/v1/admin/bookings').set(owner.auth).send(past);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'unprocessable',
      details: { reason: 'in_the_past' },
    });
    const list = await app.http.get('/v1/admin/bookings').set(owner.auth).query({ serviceId });
    expect(list.body.items).toHaveLength(0);
    const recorded = await adminBook(app, owner, serviceId, at(-2, '10:00'), { recordPast: true });
    expect(recorded.status).toBe('confirmed');
    const d = await detail(recorded.id);
    expect(d.allowedActions).toContain('complete');
    expect(d.allowedActions).toContain('mark_no_show');
  });
});
