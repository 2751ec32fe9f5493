import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MessageDto } from '@slotwise/contracts';
import { useI18n, type MessageKey } from '../shared/i18n';
import { formatShortDateTime } from '../shared/time';
import { useAuth } from './auth';
import { apiMessage, useToast } from './ui/kit';

/** The message log's query keys: the page's filters, and each booking's history. */
export const messageKeys = {
  all: ['admin', 'messages'] as const,
  booking: (id: string) => ['admin', 'messages', 'booking', id] as const,
};

/** A message status in the admin's language (`t(messageStatusKey(s))`). */
export const messageStatusKey = (status: MessageDto['status']): MessageKey =>
  `admin.messageLog.status.${status}`;

/** "Resend": a new log entry to the same recipient; refreshes every list of messages. */
export function useResend() {
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (id: string) => session.sdk.admin.messages.resend({ params: { id } }),
    onSuccess: (m) => {
      notify(t('admin.messageLog.sentAgain', { to: m.to }));
      void queryClient.invalidateQueries({ queryKey: messageKeys.all });
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
}

/** One message as a row of details: what, to whom, when, status, provider id, error, and its text. */
export function MessageItem({ m, zone, canResend }: { m: MessageDto; zone: string; canResend: boolean }) {
  const [open, setOpen] = useState(false);
  const resend = useResend();
  const { t, locale } = useI18n();
  return (
    <li className="message" data-testid="message">
      <div className="message__head">
        <span className="badge">{m.channel === 'sms' ? t('admin.messageLog.sms') : t('admin.messageLog.email')}</span>{' '}
        <strong>{m.template}</strong> <span className="muted">{t('admin.messageLog.to', { to: m.to })}</span>{' '}
        <span className={`badge badge--msg-${m.status}`}>{t(messageStatusKey(m.status))}</span>
        {m.resendOf && <span className="muted small"> · {t('admin.messageLog.resendMark')}</span>}
      </div>
      <div className="muted small">
        {formatShortDateTime(m.createdAt, zone, locale)}
        {m.providerMessageId && <> · {t('admin.messageLog.id')} <span className="mono">{m.providerMessageId}</span></>}
        {m.error && <span className="field__error"> · {m.error}</span>}
      </div>
      {m.subject && <div>{m.subject}</div>}
      <div className="message__actions">
        <button type="button" className="btn btn--ghost btn--small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('admin.messageLog.hideText') : t('admin.messageLog.showText')}
        </button>
        {canResend && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={resend.isPending}
            onClick={() => resend.mutate(m.id)}
          >
            {resend.isPending ? t('admin.messageLog.sending') : t('admin.messageLog.resend')}
          </button>
        )}
      </div>
      {open && <pre className="message__text">{m.text}</pre>}
    </li>
  );
}

/** A booking's messages, for the booking dialog. */
export function BookingMessages({ bookingId, zone }: { bookingId: string; zone: string }) {
  const { session, can } = useAuth();
  const { t } = useI18n();
  const list = useQuery({
    queryKey: messageKeys.booking(bookingId),
    enabled: can('staff'),
    queryFn: () => session.sdk.admin.messages.list({ query: { bookingId, limit: 50 } }),
  });
  if (!can('staff')) return null;
  return (
    <section aria-label={t('admin.messageLog.title')}>
      <h3 className="section-title">{t('admin.messageLog.title')}</h3>
      {list.isPending ? (
        <p className="muted">{t('admin.messageLog.loading')}</p>
      ) : list.isError ? (
        <p className="field__error">{apiMessage(list.error)}</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('admin.messageLog.none')}</p>
      ) : (
        <ul className="messages">
          {list.data.items.map((m) => (
            <MessageItem key={m.id} m={m} zone={zone} canResend />
          ))}
        </ul>
      )}
    </section>
  );
}
