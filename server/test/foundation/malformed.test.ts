import { errorBodySchema } from '@slotwise/contracts';
import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOwner, startTestApp, type TestApp } from '../support/test-app';
import { snapshotDatabase, type Owner } from './helpers';

let app: TestApp;
let owner: Owner;
let memberId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signupOwner(app);
  memberId = (await app.http.get('/v1/admin/members').set(owner.auth)).body.items[0].id;
});
afterAll(async () => app?.close());

const validSignup = { email: 'valid@example.com', password: 'correct horse battery', name: 'V', businessName: 'Valid', timeZone: 'UTC' };
const json = (o: unknown) => JSON.stringify(o);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

type Case = [name: string, build: () => Test, status?: number, code?: string];

const cases: Case[] = [
  // Bodies that are not JSON, or not the JSON the route takes.
  ['truncated JSON', () => app.http.post('/v1/auth/signup').set('Content-Type', 'application/json').send('{"email":'), 400, 'invalid_json'],
  ['JSON with a trailing comma', () => app.http.post('/v1/auth/login').set('Content-Type', 'application/json').send('{"email":"a@b.co",}'), 400, 'invalid_json'],
  ['a bare JSON string', () => app.http.post('/v1/auth/login').set('Content-Type', 'application/json').send('"hello"'), 400, 'invalid_json'],
  ['JSON null', () => app.http.post('/v1/auth/signup').set('Content-Type', 'application/json').send('null'), 400, 'invalid_json'],
  ['text/plain body', () => app.http.post('/v1/auth/signup').set('Content-Type', 'text/plain').send(json(validSignup)), 400, 'bad_request'],
  ['text/plain body on an all-optional PATCH', () => app.http.patch('/v1/admin/tenant').set(owner.auth).set('Content-Type', 'text/plain').send(json({ name: 'Plain' })), 400, 'bad_request'],
  ['form-encoded body', () => app.http.post('/v1/auth/login').type('form').send({ email: 'a@b.co', password: 'x' }), 400, 'bad_request'],
  ['unsupported charset', () => app.http.post('/v1/auth/login').set('Content-Type', 'application/json; charset=latin1').send(json({ email: 'a@b.co', password: 'x' })), 400, 'bad_request'],
  ['gzip-encoded garbage', () => app.http.post('/v1/auth/login').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all'), 400],
  ['array instead of an object', () => app.http.post('/v1/auth/signup').send([validSignup]), 422, 'validation_failed'],
  ['deeply nested arrays', () => app.http.post('/v1/auth/login').set('Content-Type', 'application/json').send('['.repeat(5000) + ']'.repeat(5000)), 413, 'payload_too_large'],
  ['body larger than BODY_LIMIT', () => app.http.post('/v1/auth/signup').send({ ...validSignup, name: 'x'.repeat(200_000) }), 413, 'payload_too_large'],
  // Wrong types, missing and extra fields.
  ['email as a number', () => app.http.post('/v1/auth/signup').send({ ...validSignup, email: 123 }), 422, 'validation_failed'],
  ['password as an object', () => app.http.post('/v1/auth/login').send({ email: 'a@b.co', password: { $gt: '' } }), 422, 'validation_failed'],
  ['empty signup', () => app.http.post('/v1/auth/signup').send({}), 422, 'validation_failed'],
  ['login without password', () => app.http.post('/v1/auth/login').send({ email: 'a@b.co' }), 422, 'validation_failed'],
  ['extra field on a strict body', () => app.http.post('/v1/auth/signup').send({ ...validSignup, isAdmin: true }), 422, 'validation_failed'],
  ['extra field on member add', () => app.http.post('/v1/admin/members').set(owner.auth).send({ email: 'm@example.com', name: 'M', role: 'viewer', password: 'long enough pw', tenantId: owner.tenantId }), 422, 'validation_failed'],
  ['unknown role', () => app.http.patch(`/v1/admin/members/${memberId}`).set(owner.auth).send({ role: 'superuser' }), 422, 'validation_failed'],
  ['string where a number goes', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ settings: { cancellationPolicy: { freeCancellationHours: '24' } } }), 422, 'validation_failed'],
  ['bad brand colour', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ brandColor: 'red' }), 422, 'validation_failed'],
  ['unknown scope on an API key', () => app.http.post('/v1/admin/api-keys').set(owner.auth).send({ name: 'k', scopes: ['admin'] }), 422, 'validation_failed'],
  ['empty scopes on an API key', () => app.http.post('/v1/admin/api-keys').set(owner.auth).send({ name: 'k', scopes: [] }), 422, 'validation_failed'],
  // Prototype pollution attempts (raw text: a JS literal would set the prototype instead).
  ['__proto__ key on a strict body', () => app.http.post('/v1/auth/signup').set('Content-Type', 'application/json').send(`{"__proto__":{"isAdmin":true},${json(validSignup).slice(1)}`), 422, 'validation_failed'],
  ['constructor.prototype key', () => app.http.patch('/v1/admin/tenant').set(owner.auth).set('Content-Type', 'application/json').send('{"constructor":{"prototype":{"polluted":true}}}'), 422, 'validation_failed'],
  // Values that look fine to JSON but not to the contract.
  ['unknown time zone', () => app.http.post('/v1/auth/signup').send({ ...validSignup, timeZone: 'Mars/Olympus_Mons' }), 422, 'validation_failed'],
  ['unknown time zone on PATCH', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ timeZone: 'Europe/Atlantis' }), 422, 'validation_failed'],
  ['invalid slug', () => app.http.post('/v1/auth/signup').send({ ...validSignup, slug: 'Bad_Slug!' }), 422, 'validation_failed'],
  ['slug with a trailing dash', () => app.http.post('/v1/auth/signup').send({ ...validSignup, slug: 'trailing-' }), 422, 'validation_failed'],
  ['very long name', () => app.http.post('/v1/auth/signup').send({ ...validSignup, name: 'n'.repeat(10_000) }), 422, 'validation_failed'],
  ['very long email', () => app.http.post('/v1/auth/login').send({ email: `${'e'.repeat(300)}@example.com`, password: 'x' }), 422, 'validation_failed'],
  ['null byte in a name', () => app.http.post('/v1/auth/signup').send({ ...validSignup, name: 'Nul\u0000Byte' }), 422, 'validation_failed'],
  ['null byte in a password', () => app.http.post('/v1/auth/login').send({ email: 'a@b.co', password: 'pass\u0000word' }), 422, 'validation_failed'],
  ['null byte in a PATCH', () => app.http.patch('/v1/admin/tenant').set(owner.auth).send({ description: 'a\u0000b' }), 422, 'validation_failed'],
  ['null byte in an object key', () => app.http.patch('/v1/admin/tenant').set(owner.auth).set('Content-Type', 'application/json').send('{"settings":{"a\\u0000b":1}}'), 422, 'validation_failed'],
  ['null byte in a path', () => app.http.get('/v1/public/tenants/de%00mo'), 404, 'not_found'],
  ['null byte in a query', () => app.http.get('/v1/admin/members?cursor=a%00b').set(owner.auth), 400, 'bad_request'],
  ['null byte in the query of a route that takes none', () => app.http.get('/v1/admin/calendar/connections?x=a%00b').set(owner.auth), 400, 'bad_request'],
  // URLs and methods.
  ['unknown route', () => app.http.get('/v1/nope'), 404, 'route_not_found'],
  ['unknown admin route', () => app.http.post('/v1/admin/everything').set(owner.auth).send({}), 404, 'route_not_found'],
  ['wrong method on tenant', () => app.http.put('/v1/admin/tenant').set(owner.auth).send({ name: 'Put' }), 404, 'route_not_found'],
  ['wrong method on login', () => app.http.delete('/v1/auth/login'), 404, 'route_not_found'],
  ['invalid uuid in a path', () => app.http.patch('/v1/admin/members/not-a-uuid').set(owner.auth).send({ role: 'viewer' }), 404, 'not_found'],
  ['numeric id in a path', () => app.http.delete('/v1/admin/api-keys/123').set(owner.auth), 404, 'not_found'],
  ['malformed percent-encoding', () => app.http.get('/v1/public/tenants/%E0%A4%A'), 400],
  ['overlong public slug', () => app.http.get(`/v1/public/tenants/${'s'.repeat(1000)}`), 404],
  ['unknown public slug', () => app.http.get('/v1/public/tenants/no-such-business'), 404, 'not_found'],
  // Pagination.
  ['limit=0', () => app.http.get('/v1/admin/members?limit=0').set(owner.auth), 422, 'validation_failed'],
  ['limit=201', () => app.http.get('/v1/admin/members?limit=201').set(owner.auth), 422, 'validation_failed'],
  ['limit=abc', () => app.http.get('/v1/admin/members?limit=abc').set(owner.auth), 422, 'validation_failed'],
  ['limit=1.5', () => app.http.get('/v1/admin/api-keys?limit=1.5').set(owner.auth), 422, 'validation_failed'],
  ['repeated limit', () => app.http.get('/v1/admin/members?limit=1&limit=2').set(owner.auth), 422, 'validation_failed'],
  ['garbage cursor', () => app.http.get('/v1/admin/members?cursor=garbage').set(owner.auth), 400, 'bad_request'],
  ['cursor with a bad date', () => app.http.get(`/v1/admin/members?cursor=${b64({ t: 'yesterday', id: memberId })}`).set(owner.auth), 400, 'bad_request'],
  ['cursor with a non-uuid id', () => app.http.get(`/v1/admin/members?cursor=${b64({ t: new Date().toISOString(), id: 'nope' })}`).set(owner.auth), 400, 'bad_request'],
  ['cursor that is a JSON array', () => app.http.get(`/v1/admin/api-keys?cursor=${b64([1, 2])}`).set(owner.auth), 400, 'bad_request'],
  ['overlong cursor', () => app.http.get(`/v1/admin/members?cursor=${'c'.repeat(600)}`).set(owner.auth), 422, 'validation_failed'],
  // Credentials.
  ['Basic authorization', () => app.http.get('/v1/admin/tenant').set('Authorization', 'Basic dXNlcjpwYXNz'), 401, 'unauthenticated'],
  ['Bearer without a token', () => app.http.get('/v1/admin/tenant').set('Authorization', 'Bearer '), 401, 'unauthenticated'],
  ['Bearer with two tokens', () => app.http.get('/v1/admin/tenant').set('Authorization', 'Bearer a b'), 401, 'unauthenticated'],
  ['garbage JWT', () => app.http.get('/v1/admin/tenant').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.e30.'), 401, 'unauthenticated'],
  ['unsigned alg:none token', () => app.http.get('/v1/auth/me').set('Authorization', `Bearer ${b64({ alg: 'none' })}.${b64({ sub: owner.userId, tid: owner.tenantId, sid: owner.userId, iss: 'slotwise', aud: 'slotwise-api' })}.`), 401, 'unauthenticated'],
  ['Idempotency-Key too long', () => app.http.post('/v1/admin/api-keys').set(owner.auth).set('Idempotency-Key', 'k'.repeat(300)).send({ name: 'k' }), 400, 'bad_request'],
];

const snapshot = () => snapshotDatabase(app);

describe('malformed requests', () => {
  it(`has a battery of at least 30 cases (${cases.length}) and a snapshot that sees writes`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const before = await snapshot();
    expect(Object.keys(before).length).toBeGreaterThan(20);
    await app.http.patch('/v1/admin/tenant').set(owner.auth).send({ description: 'a real write' }).expect(200);
    expect(await snapshot()).not.toEqual(before);
  });

  for (const [name, build, status, code] of cases) {
    it(`${name} → ${status ?? '4xx'}${code ? ` ${code}` : ''}`, async () => {
      const before = await snapshot();
      const res = await build();
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      if (status) expect(res.status, res.text).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = errorBodySchema.safeParse(res.body);
      expect(body.success, res.text).toBe(true);
      if (code) expect(res.body.error.code).toBe(code);
      expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\/work\/|Prisma|stack/i);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('never pollutes Object.prototype, even through non-strict nested objects', async () => {
    const res = await app.http
      .patch('/v1/admin/tenant')
      .set(owner.auth)
      .set('Content-Type', 'application/json')
      .send('{"settings":{"__proto__":{"polluted":true},"cancellationPolicy":{"__proto__":{"polluted":true}}}}');
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const tenant = await app.http.get('/v1/admin/tenant').set(owner.auth);
    expect(JSON.stringify(tenant.body)).not.toContain('polluted');
  });
});
