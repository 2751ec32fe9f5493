/**
 * The opt-out and opt-in keywords carriers and Twilio recognise (Twilio's Advanced Opt-Out
 * defaults): a message whose whole text, trimmed and case-folded, is one of them. "stop it" or
 * "please stop" is not a keyword (Twilio does not treat it as one either, so neither do we: the
 * two must agree, or we would text numbers Twilio blocks, or stop texting numbers it allows).
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type SmsKeyword = 'opt_out' | 'opt_in' | 'help' | null;

export function smsKeyword(body: string): SmsKeyword {
  const word = body.trim().replace(/[.!]+$/, '').toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt_out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt_in';
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return 'help';
  return null;
}

/** A sender's number as customers.phone stores it ("+" and digits), or null if it is not a phone number. */
export function e164(from: string): string | null {
  const digits = from.replace(/\D/g, '');
  return /^\+?[0-9 ().\-/]+$/.test(from.trim()) && digits.length >= 6 && digits.length <= 15 ? `+${digits}` : null;
}
