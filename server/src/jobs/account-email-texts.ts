/**
 * The account emails' texts in one place (moved onto i18next with the booking templates at merge).
 * The link is the only secret; the message log stores it redacted.
 */
export interface AccountEmailFacts {
  name: string;
  link: string;
  minutes: number;
}

export const ACCOUNT_EMAIL_TEXTS: Record<string, { subject: string; text: (f: AccountEmailFacts) => string; html: (f: AccountEmailFacts) => string }> = {
  'account.password_reset': {
    subject: 'Set a new Slotwise password',
    text: (f) =>
      [
        `Hi ${f.name},`,
        '',
        'Someone (hopefully you) asked to set a new password for your Slotwise account.',
        `Open this link within ${f.minutes} minutes to choose one. It works once:`,
        '',
        f.link,
        '',
        'Setting a new password signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.',
      ].join('\n'),
    html: (f) =>
      `<p>Hi ${escapeHtml(f.name)},</p><p>Someone (hopefully you) asked to set a new password for your Slotwise account.</p>` +
      `<p><a href="${escapeHtml(f.link)}">Choose a new password</a> (works once, for ${f.minutes} minutes).</p>` +
      '<p>Setting a new password signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.</p>',
  },
  'account.email_verification': {
    subject: 'Confirm your email address for Slotwise',
    text: (f) =>
      [`Hi ${f.name},`, '', `Confirm this is your email address by opening this link within ${f.minutes} minutes:`, '', f.link, '', 'If you did not create a Slotwise account, ignore this email.'].join('\n'),
    html: (f) =>
      `<p>Hi ${escapeHtml(f.name)},</p><p><a href="${escapeHtml(f.link)}">Confirm your email address</a> (works once, for ${f.minutes} minutes).</p>` +
      '<p>If you did not create a Slotwise account, ignore this email.</p>',
  },
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
