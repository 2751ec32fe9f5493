import { expect } from 'vitest';
import type { TestApp } from '../support/test-app';

type Auth = { auth: Record<string, string> };

/** Creates a provider through the admin API and returns its DTO. */
export async function createProvider(app: TestApp, by: Auth, body: Record<string, unknown> = {}) {
  const res = await app.http
    .post('/v1/admin/providers')
    .set(by.auth)
    .send({ name: 'Alex', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; timeZone: string; serviceIds: string[] } & Record<
    string,
    unknown
  >;
}

/** Creates a service through the admin API and returns its DTO. */
export async function createService(app: TestApp, by: Auth, body: Record<string, unknown> = {}) {
  const res = await app.http
    .post('/v1/admin/services')
    .set(by.auth)
    .send({ name: 'Haircut', durationMinutes: 30, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; providerIds: string[] } & Record<string, unknown>;
}

/** Replaces a provider's week through the admin API. */
export async function putHours(
  app: TestApp,
  by: Auth,
  providerId: string,
  intervals: Record<string, unknown>[],
) {
  const res = await app.http
    .put(`/v1/admin/providers/${providerId}/hours`)
    .set(by.auth)
    .send({ intervals });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Every weekday with the same hours. */
export const everyDay = (startTime: string, endTime: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime }));

/** The field paths of a 422 validation_failed response. */
export function issuePaths(res: {
  status: number;
  body: { error?: { code?: string; details?: { issues?: { path: string }[] } } };
}): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error?.code).toBe('validation_failed');
  return (res.body.error?.details?.issues ?? []).map((i) => i.path);
}
