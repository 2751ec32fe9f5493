import { describe, expect, it } from 'vitest';
import { accessTokens } from '../../src/app/auth/access-tokens';
import { authService } from '../../src/app/auth/auth-service';
import { sha256 } from '../../src/app/auth/secrets';
import { AppError } from '../../src/app/errors';
import { manualClock } from '../support/in-memory/webhooks';
import { memorySessions } from '../support/in-memory/sessions';
import { untouched } from '../support/in-memory/untouched';

const DAY = 86_400_000;

async function setup() {
  const time = manualClock(new Date('2026-06-01T00:00:00.000Z'));
  const store = memorySessions(time.clock);
  const auth = authService({
    directory: store.directory,
    uow: untouched('uow', {}),
    tokens: accessTokens('x'.repeat(32), 900),
    passwords: untouched('passwords', {}),
    clock: time.clock,
    refreshTtlDays: 30,
  });
  // A logged-in session, as login would leave it: its refresh token is the live one.
  const first = 'rt_first_token';
  await store.directory.createSession({
    userId: 'u1',
    tenantId: 't1',
    tokenHash: sha256(first),
    expiresAt: new Date(time.clock.now().getTime() + 30 * DAY),
  });
  const session = () => store.sessions.get('s1');
  return { auth, time, first, session };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

describe('auth refresh rotation against in-memory sessions', () => {
  it('rotates: a new token works once, and the session expiry slides', async () => {
    const s = await setup();
    s.time.advance(DAY);
    const next = await s.auth.refresh(s.first);
    expect(next.refreshToken).not.toBe(s.first);
    expect(next.tokenType).toBe('Bearer');
    expect(s.session()?.expiresAt.getTime()).toBe(s.time.clock.now().getTime() + 30 * DAY);
    const again = await s.auth.refresh(next.refreshToken);
    expect(again.refreshToken).not.toBe(next.refreshToken);
    expect(s.session()?.revokedAt).toBeNull();
  });

  it('ends the whole session when a spent token is presented again', async () => {
    const s = await setup();
    const next = await s.auth.refresh(s.first);
    expect(await refusal(s.auth.refresh(s.first))).toBe('refresh_token_reused');
    expect(s.session()?.revokedReason).toBe('refresh_token_reused');
    // The holder of the newer token is logged out too: we cannot tell thief from user.
    expect(await refusal(s.auth.refresh(next.refreshToken))).toBe('unauthenticated');
  });

  it('treats losing a concurrent rotation of the same token as a reuse', async () => {
    const s = await setup();
    const results = await Promise.allSettled([s.auth.refresh(s.first), s.auth.refresh(s.first)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const lost = results[1];
    expect(lost?.status === 'rejected' && (lost.reason as AppError).code).toBe(
      'refresh_token_reused',
    );
    expect(s.session()?.revokedReason).toBe('refresh_token_reused');
  });

  it('refuses an unknown token without ending any session', async () => {
    const s = await setup();
    expect(await refusal(s.auth.refresh('rt_never_issued'))).toBe('unauthenticated');
    expect(s.session()?.revokedAt).toBeNull();
  });

  it('refuses an expired session as unauthenticated, not as a reuse', async () => {
    const s = await setup();
    s.time.advance(30 * DAY);
    expect(await refusal(s.auth.refresh(s.first))).toBe('unauthenticated');
    expect(s.session()?.revokedAt).toBeNull();
  });
});
