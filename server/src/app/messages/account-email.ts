/**
 * The account emails of business users (password reset, email verification) in a language of
 * Slotwise: i18next over the shared email catalog (@slotwise/i18n/email, keys `account.*`).
 * Business users have no language of their own; the caller passes the business's (tenant
 * locale), as docs/guides/messages.md says. The link is the only secret; the log stores it redacted.
 */
import { translator, type Locale } from '@slotwise/i18n';
import type { EmailKey, EmailMessages } from '@slotwise/i18n/email';
import type { ACCOUNT_EMAIL_TOPICS } from '../../ports/account-tokens';
import { emailI18n, escapeHtml } from './render';

export type AccountEmailTemplate = (typeof ACCOUNT_EMAIL_TOPICS)[keyof typeof ACCOUNT_EMAIL_TOPICS];

export interface AccountEmailFacts {
  name: string;
  link: string;
  minutes: number;
}

export function renderAccountEmail(template: AccountEmailTemplate, locale: Locale, f: AccountEmailFacts) {
  const t = translator<EmailMessages>(emailI18n, locale);
  const part = (p: 'subject' | 'intro' | 'linkText' | 'button' | 'outro') =>
    t(`${template}.${p}` as EmailKey, { minutes: f.minutes });
  const greeting = t('mail.greeting', { name: f.name });
  // An empty intro in the catalog: the message has none.
  const intro = part('intro');
  const e = escapeHtml;
  return {
    subject: part('subject'),
    text: [greeting, '', ...(intro ? [intro] : []), part('linkText'), '', f.link, '', part('outro')].join('\n'),
    html:
      `<p>${e(greeting)}</p>${intro ? `<p>${e(intro)}</p>` : ''}` +
      `<p><a href="${e(f.link)}">${e(part('button'))}</a> ${e(t('account.worksOnce', { minutes: f.minutes }))}.</p>` +
      `<p>${e(part('outro'))}</p>`,
  };
}
