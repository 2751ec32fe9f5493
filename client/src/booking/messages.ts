import { errorCode } from '../shared/api';
import type { I18n } from '../shared/i18n';

/** A visitor-friendly sentence for any failure; the API's own message stays in the console. */
export function errorText(err: unknown, t: I18n['t']): string {
  const code = errorCode(err);
  if (err) console.warn('[slotwise]', err);
  switch (code) {
    case 'not_found':
    case 'route_not_found':
      return t('error.notFound');
    case 'rate_limited':
      return t('error.rateLimited');
    case 'connection_error':
    case 'timeout':
      return t('error.offline');
    case 'slot_unavailable':
      return t('time.slotTaken');
    // The business's plan is at its monthly cap: a neutral message, never the plan or an upgrade link.
    case 'payment_required':
      return t('error.bookingClosedMessage');
    default:
      return t('error.generic');
  }
}
