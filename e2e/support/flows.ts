import type { Frame, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

type Scope = Page | Frame;

/** Waits until the locator is visible; a readable failure instead of a bare timeout. */
export async function visible(l: Locator, timeout = 15_000) {
  await l.first().waitFor({ state: 'visible', timeout });
  return l.first();
}

/** The time buttons of the selected day. */
export const timeButtons = (s: Scope) =>
  s.getByRole('list', { name: /available times on/i }).getByRole('button');

/**
 * On the "Pick a day and time" step: waits for the month to load, moving to the next month while
 * the current one has nothing free, and returns the first time button of the selected day.
 */
export async function firstFreeTime(s: Scope): Promise<Locator> {
  for (let i = 0; i < 3; i++) {
    const times = timeButtons(s);
    const next = s.getByRole('button', { name: /show next month/i });
    await Promise.race([
      times.first().waitFor({ state: 'visible', timeout: 20_000 }),
      next.waitFor({ state: 'visible', timeout: 20_000 }),
    ]);
    if (await times.count()) return times.first();
    await next.click();
  }
  throw new Error('no free time found in three months');
}

/** Fills and submits the details step. */
export async function fillDetails(s: Scope, who: { name: string; email: string; phone?: string }) {
  await s.getByRole('textbox', { name: /full name/i }).fill(who.name);
  await s.getByRole('textbox', { name: /^email/i }).fill(who.email);
  if (who.phone) await s.getByRole('textbox', { name: /phone/i }).fill(who.phone);
}

export async function confirmationCode(s: Scope): Promise<string> {
  const code = await visible(s.getByTestId('confirmation-code'), 20_000);
  const text = (await code.textContent())?.trim() ?? '';
  expect(text).toMatch(/^[A-Z0-9]{6,12}$/);
  return text;
}

/** Wall-clock "h:mm AM" of an instant in a zone, as the apps display it in English. */
export function wallTime(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    .format(new Date(instant))
    .replace(/\s/g, ' ');
}

/** YYYY-MM-DD of an instant in a zone. */
export function localDate(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

export const normalize = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
