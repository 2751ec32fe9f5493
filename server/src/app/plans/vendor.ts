import { AppError } from '../errors';

/**
 * A call to Stripe made for a request (checkout, portal, onboarding): Stripe down or refusing
 * answers 503 service_unavailable, never a 500, and is logged with what Stripe said.
 */
export async function stripeCall<T>(
  what: string,
  warn: (msg: string, data: Record<string, unknown>) => void,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { type?: string; statusCode?: number; message?: string };
    warn(`stripe ${what} failed`, { type: e.type, statusCode: e.statusCode, message: e.message });
    throw new AppError('service_unavailable', `Stripe could not ${what} just now; retry shortly`);
  }
}
