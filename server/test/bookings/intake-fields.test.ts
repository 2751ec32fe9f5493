import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createApiKey, expectError } from '../foundation/helpers';
import { createService, issuePaths } from '../http/catalogue-fixtures';
import type { TestApp } from '../support/test-app';
import {
  addIntakeField,
  at,
  book,
  bookingBody,
  catalogue,
  ownerQuery,
  signupOwner,
  startBookingApp,
  type Owner,
} from './fixtures';

// The admin API of the booking form's questions: /v1/admin/intake-fields.

let app: TestApp;
let owner: Owner;
let other: Owner;

beforeAll(async () => {
  ({ app } = await startBookingApp());
  owner = await signupOwner(app);
  other = await signupOwner(app);
});
afterAll(async () => app?.close());

type Field = { id: string; key: string; serviceId: string | null; sortOrder: number };

const list = async (by: Owner | { auth: Record<string, string> }, serviceId?: string) => {
  const r = await app.http
    .get(`/v1/admin/intake-fields${serviceId ? `?serviceId=${serviceId}` : ''}`)
    .set(by.auth);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as Field[];
};
const keys = (items: Field[]) => items.map((f) => f.key);
const post = (by: Owner, body: Record<string, unknown>) =>
  app.http.post('/v1/admin/intake-fields').set(by.auth).send(body);
const patch = (by: Owner, id: string, body: Record<string, unknown>) =>
  app.http.patch(`/v1/admin/intake-fields/${id}`).set(by.auth).send(body);
const count = async (tenantId: string) =>
  (
    await ownerQuery<{ n: number }>(
      app,
      'SELECT count(*)::int AS n FROM intake_fields WHERE tenant_id = $1',
      [tenantId],
    )
  )[0]!.n;

describe('intake fields CRUD', () => {
  it('creates with defaults, lists in form order per service, changes and deletes', async () => {
    const own = await signupOwner(app);
    const massage = await createService(app, own, { name: 'Massage' });
    const facial = await createService(app, own, { name: 'Facial' });

    const consent = await post(own, {
      serviceId: null,
      key: 'consent',
      label: '  I accept the terms ',
      type: 'checkbox',
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    expect(consent.body).toEqual({
      id: expect.any(String),
      serviceId: null,
      key: 'consent',
      label: 'I accept the terms',
      type: 'checkbox',
      required: false,
      options: [],
      sortOrder: 0,
      createdAt: expect.stringMatching(/Z$/),
    });
    const pressure = await addIntakeField(app, own, {
      serviceId: massage.id,
      key: 'pressure',
      label: 'Pressure',
      type: 'select',
      required: true,
      options: ['soft', 'firm'],
      sortOrder: -1,
    });
    const skin = await addIntakeField(app, own, {
      serviceId: facial.id,
      key: 'skin',
      label: 'Skin type',
      type: 'multiselect',
      options: ['dry', 'oily'],
      sortOrder: 5,
    });

    // A service's form: its own questions and the business-wide ones, by sortOrder then age.
    expect(keys(await list(own, massage.id))).toEqual(['pressure', 'consent']);
    expect(keys(await list(own, facial.id))).toEqual(['consent', 'skin']);
    expect(keys(await list(own))).toEqual(['pressure', 'consent', 'skin']);
    const [p] = await list(own, massage.id);
    expect(p).toMatchObject({ id: pressure.id, serviceId: massage.id, options: ['soft', 'firm'] });

    const changed = await patch(own, skin.id, {
      label: 'Your skin',
      required: true,
      sortOrder: -5,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      id: skin.id,
      serviceId: facial.id,
      key: 'skin',
      label: 'Your skin',
      type: 'multiselect',
      required: true,
      options: ['dry', 'oily'],
      sortOrder: -5,
      createdAt: skin.createdAt,
    });
    expect(keys(await list(own, facial.id))).toEqual(['skin', 'consent']);

    // Turning a choice into free text needs its options dropped in the same request.
    const toText = await patch(own, pressure.id, { type: 'text', options: [] });
    expect(toText.status, JSON.stringify(toText.body)).toBe(200);
    expect(toText.body).toMatchObject({ type: 'text', options: [] });

    // Moved to every service's form.
    const moved = await patch(own, skin.id, { serviceId: null });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(keys(await list(own, massage.id))).toEqual(['skin', 'pressure', 'consent']);

    expect((await app.http.delete(`/v1/admin/intake-fields/${skin.id}`).set(own.auth)).status).toBe(
      204,
    );
    expect(keys(await list(own))).toEqual(['pressure', 'consent']);
    expectError(
      await app.http.delete(`/v1/admin/intake-fields/${skin.id}`).set(own.auth),
      404,
      'not_found',
    );
    expectError(await patch(own, skin.id, { label: 'X' }), 404, 'not_found');
  });

  it('hides the questions of a deleted service: not listed, not editable, their keys free', async () => {
    const own = await signupOwner(app);
    const svc = await createService(app, own);
    const f = await addIntakeField(app, own, {
      serviceId: svc.id,
      key: 'notes',
      label: 'Notes',
      type: 'textarea',
    });
    expect((await app.http.delete(`/v1/admin/services/${svc.id}`).set(own.auth)).status).toBe(204);
    expect(await list(own)).toEqual([]);
    expectError(await patch(own, f.id, { label: 'X' }), 404, 'not_found');
    expect(
      issuePaths(await app.http.get(`/v1/admin/intake-fields?serviceId=${svc.id}`).set(own.auth)),
    ).toEqual(['query.serviceId']);
    await addIntakeField(app, own, { serviceId: null, key: 'notes', label: 'Notes', type: 'text' });
  });
});

describe('intake field validation', () => {
  it('rejects bad input with 422 validation_failed and field paths, writing nothing', async () => {
    const svc = await createService(app, owner);
    const theirs = await createService(app, other);
    const base = { serviceId: svc.id, key: 'q', label: 'Question', type: 'text' };
    const before = await count(owner.tenantId);

    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...base, type: 'rating' }, ['body.type']],
      [{ ...base, type: 'select' }, ['body.options']],
      [{ ...base, type: 'multiselect', options: [] }, ['body.options']],
      [{ ...base, type: 'select', options: ['a', 'b', 'a'] }, ['body.options.2']],
      [{ ...base, type: 'select', options: ['a', ' '] }, ['body.options.1']],
      [{ ...base, options: ['a'] }, ['body.options']],
      [{ ...base, type: 'checkbox', options: ['yes'] }, ['body.options']],
      [{ ...base, key: 'Allergies' }, ['body.key']],
      [{ ...base, key: 'has space' }, ['body.key']],
      [{ ...base, key: '' }, ['body.key']],
      [{ ...base, key: 'k'.repeat(65) }, ['body.key']],
      [{ ...base, label: '   ' }, ['body.label']],
      [{ ...base, label: 'l'.repeat(201) }, ['body.label']],
      [{ ...base, required: 'yes' }, ['body.required']],
      [{ ...base, sortOrder: 1.5 }, ['body.sortOrder']],
      [{ ...base, serviceId: undefined }, ['body.serviceId']],
      [{ ...base, serviceId: 'not-a-uuid' }, ['body.serviceId']],
      [{ ...base, serviceId: '00000000-0000-4000-8000-000000000000' }, ['body.serviceId']],
      [{ ...base, serviceId: theirs.id }, ['body.serviceId']],
      [{ ...base, tenantId: other.tenantId }, ['body']],
    ];
    for (const [body, paths] of cases) {
      expect(issuePaths(await post(owner, body)), JSON.stringify(body)).toEqual(paths);
    }

    // PATCH: type and options are checked merged with what is stored.
    const choice = await addIntakeField(app, owner, {
      serviceId: svc.id,
      key: 'colour',
      label: 'Colour',
      type: 'select',
      options: ['red', 'blue'],
    });
    const text = await addIntakeField(app, owner, {
      serviceId: svc.id,
      key: 'name2',
      label: 'Second name',
      type: 'text',
    });
    const patches: [string, Record<string, unknown>, string[]][] = [
      [choice.id, { type: 'text' }, ['body.options']],
      [choice.id, { options: [] }, ['body.options']],
      [choice.id, { options: ['red', 'red'] }, ['body.options.1']],
      [text.id, { type: 'select' }, ['body.options']],
      [text.id, { options: ['x'] }, ['body.options']],
      [text.id, { serviceId: theirs.id }, ['body.serviceId']],
      [text.id, { key: 'UPPER' }, ['body.key']],
      [text.id, { label: '' }, ['body.label']],
      [text.id, { id: choice.id }, ['body']],
    ];
    for (const [id, body, paths] of patches) {
      expect(issuePaths(await patch(owner, id, body)), JSON.stringify(body)).toEqual(paths);
    }
    expect(await count(owner.tenantId)).toBe(before + 2);
    const stored = await list(owner, svc.id);
    expect(stored.find((f) => f.id === choice.id)).toMatchObject({
      type: 'select',
      options: ['red', 'blue'],
    });
    expect(stored.find((f) => f.id === text.id)).toMatchObject({ type: 'text', serviceId: svc.id });

    expect(
      issuePaths(await app.http.get('/v1/admin/intake-fields?serviceId=nope').set(owner.auth)),
    ).toEqual(['query.serviceId']);
    expect(
      issuePaths(
        await app.http.get(`/v1/admin/intake-fields?serviceId=${theirs.id}`).set(owner.auth),
      ),
    ).toEqual(['query.serviceId']);
  });

  it('keeps keys unique among the questions one booking is asked (409 conflict)', async () => {
    const own = await signupOwner(app);
    const a = await createService(app, own, { name: 'A' });
    const b = await createService(app, own, { name: 'B' });
    const field = (serviceId: string | null, key: string) => ({
      serviceId,
      key,
      label: key,
      type: 'text',
    });
    const notes = await addIntakeField(app, own, field(null, 'notes'));
    const allergiesA = await addIntakeField(app, own, field(a.id, 'allergies'));

    const clash = await post(own, field(a.id, 'notes'));
    expectError(clash, 409, 'conflict');
    expect(clash.body.error.details).toEqual({ field: 'key', fieldIds: [notes.id] });
    expectError(await post(own, field(null, 'notes')), 409, 'conflict');
    expectError(await post(own, field(a.id, 'allergies')), 409, 'conflict');
    // Another service may use the same key: no booking is asked both.
    const allergiesB = await addIntakeField(app, own, field(b.id, 'allergies'));
    // Business-wide, it would be asked together with both.
    const wide = await post(own, field(null, 'allergies'));
    expectError(wide, 409, 'conflict');
    expect([...wide.body.error.details.fieldIds].sort()).toEqual(
      [allergiesA.id, allergiesB.id].sort(),
    );

    // PATCH: a new key, a new scope or both are checked; keeping one's own key is fine.
    expectError(await patch(own, allergiesA.id, { key: 'notes' }), 409, 'conflict');
    expectError(await patch(own, allergiesA.id, { serviceId: null }), 409, 'conflict');
    expectError(await patch(own, notes.id, { serviceId: b.id, key: 'allergies' }), 409, 'conflict');
    expect((await patch(own, allergiesA.id, { key: 'allergies', label: 'Allergies' })).status).toBe(
      200,
    );
    expect((await patch(own, notes.id, { serviceId: a.id })).status).toBe(200);
    // Other businesses have their own keys.
    await addIntakeField(app, other, field(null, 'notes'));
    expect(keys(await list(own)).sort()).toEqual(['allergies', 'allergies', 'notes']);
  });

  it('lets only one of concurrent requests take a key in a form', async () => {
    const own = await signupOwner(app);
    const svc = await createService(app, own);
    const bodies = [null, svc.id, null, svc.id, svc.id, null].map((serviceId) => ({
      serviceId,
      key: 'same',
      label: 'Same',
      type: 'text',
    }));
    const results = await Promise.all(bodies.map((b) => post(own, b)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(keys(await list(own))).toEqual(['same']);
  });
});

describe('roles, API keys and tenants', () => {
  it('lets any member read and only admins write; API keys need the matching scope', async () => {
    const svc = await createService(app, owner);
    const f = await addIntakeField(app, owner, {
      serviceId: svc.id,
      key: 'roles',
      label: 'Roles',
      type: 'text',
    });
    const viewer = await addMember(app, owner, 'viewer');
    const staff = await addMember(app, owner, 'staff');
    const admin = await addMember(app, owner, 'admin');
    for (const who of [viewer, staff]) {
      expect(keys(await list(who, svc.id))).toContain('roles');
      expectError(
        await app.http
          .post('/v1/admin/intake-fields')
          .set(who.auth)
          .send({ serviceId: null, key: 'x', label: 'X', type: 'text' }),
        403,
        'forbidden',
      );
      expectError(
        await app.http.patch(`/v1/admin/intake-fields/${f.id}`).set(who.auth).send({ label: 'Y' }),
        403,
        'forbidden',
      );
      expectError(
        await app.http.delete(`/v1/admin/intake-fields/${f.id}`).set(who.auth),
        403,
        'forbidden',
      );
    }
    expect(
      (
        await app.http
          .patch(`/v1/admin/intake-fields/${f.id}`)
          .set(admin.auth)
          .send({ label: 'By admin' })
      ).status,
    ).toBe(200);
    expectError(await app.http.get('/v1/admin/intake-fields'), 401, 'unauthenticated');

    const readKey = await createApiKey(app, owner, { name: 'ro', scopes: ['read'] });
    const rwKey = await createApiKey(app, owner, { name: 'rw', scopes: ['read', 'write'] });
    expect(keys(await list(readKey))).toContain('roles');
    expectError(
      await app.http
        .post('/v1/admin/intake-fields')
        .set(readKey.auth)
        .send({ serviceId: null, key: 'by-key', label: 'K', type: 'text' }),
      403,
      'insufficient_scope',
    );
    expect(
      (
        await app.http
          .post('/v1/admin/intake-fields')
          .set(rwKey.auth)
          .send({ serviceId: svc.id, key: 'by-key', label: 'K', type: 'text' })
      ).status,
    ).toBe(201);
    const gone = await app.http.delete(`/v1/admin/intake-fields/${f.id}`).set(admin.auth);
    expect(gone.status).toBe(204);
  });

  it('answers 404 for another business\u2019s fields and never shows them', async () => {
    const svc = await createService(app, other);
    const theirs = await addIntakeField(app, other, {
      serviceId: svc.id,
      key: 'private',
      label: 'Theirs',
      type: 'text',
    });
    expectError(await patch(owner, theirs.id, { label: 'mine now' }), 404, 'not_found');
    expectError(
      await app.http.delete(`/v1/admin/intake-fields/${theirs.id}`).set(owner.auth),
      404,
      'not_found',
    );
    expect((await list(owner)).map((f) => f.id)).not.toContain(theirs.id);
    expect((await list(other)).find((f) => f.id === theirs.id)).toMatchObject({ label: 'Theirs' });
  });
});

describe('the booking form', () => {
  it('asks what the API set up: public list, required answers, and answers outlive the field', async () => {
    const own = await signupOwner(app);
    const { serviceId } = await catalogue(app, own, { name: 'Massage' });
    const pressure = await addIntakeField(app, own, {
      serviceId,
      key: 'pressure',
      label: 'Pressure',
      type: 'select',
      required: true,
      options: ['soft', 'firm'],
      sortOrder: 1,
    });
    await addIntakeField(app, own, {
      serviceId: null,
      key: 'consent',
      label: 'I accept the terms',
      type: 'checkbox',
      required: true,
    });

    const form = await app.http.get(
      `/v1/public/tenants/${own.slug}/services/${serviceId}/intake-fields`,
    );
    expect(form.status).toBe(200);
    expect(form.body.items).toEqual([
      {
        key: 'consent',
        label: 'I accept the terms',
        type: 'checkbox',
        required: true,
        options: [],
      },
      {
        key: 'pressure',
        label: 'Pressure',
        type: 'select',
        required: true,
        options: ['soft', 'firm'],
      },
    ]);

    const missing = await app.http
      .post(`/v1/public/tenants/${own.slug}/bookings`)
      .send(bookingBody(serviceId, at(1, '10:00'), { answers: { consent: true } }));
    expect(issuePaths(missing)).toEqual(['body.answers.pressure']);

    const booked = await book(app, own, serviceId, at(1, '10:00'), {
      answers: { consent: true, pressure: 'firm' },
    });

    // Relabelled, then deleted: the booking keeps what was asked and answered.
    expect((await patch(own, pressure.id, { label: 'Massage pressure' })).status).toBe(200);
    expect(
      (await app.http.delete(`/v1/admin/intake-fields/${pressure.id}`).set(own.auth)).status,
    ).toBe(204);
    const detail = await app.http.get(`/v1/admin/bookings/${booked.id}`).set(own.auth);
    expect(detail.status).toBe(200);
    expect(detail.body.answers).toEqual(
      expect.arrayContaining([
        { key: 'consent', label: 'I accept the terms', value: true },
        { key: 'pressure', label: 'Pressure', value: 'firm' },
      ]),
    );
    expect(
      await ownerQuery(
        app,
        'SELECT key, field_id FROM intake_answers WHERE booking_id = $1 ORDER BY key',
        [booked.id],
      ),
    ).toEqual([
      { key: 'consent', field_id: expect.any(String) },
      { key: 'pressure', field_id: null },
    ]);

    // The form no longer asks it, and an answer to it is now refused.
    const after = await app.http.get(
      `/v1/public/tenants/${own.slug}/services/${serviceId}/intake-fields`,
    );
    expect(after.body.items.map((f: { key: string }) => f.key)).toEqual(['consent']);
    const stale = await app.http
      .post(`/v1/public/tenants/${own.slug}/bookings`)
      .send(
        bookingBody(serviceId, at(1, '12:00'), { answers: { consent: true, pressure: 'firm' } }),
      );
    expect(issuePaths(stale)).toEqual(['body.answers.pressure']);
    await book(app, own, serviceId, at(1, '12:00'), { answers: { consent: true } });
  });
});
