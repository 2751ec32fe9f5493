import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MessageDto } from '@slotwise/contracts';
import { formatShortDateTime } from '../shared/time';
import { useAuth } from './auth';
import { apiMessage, useToast } from './ui/kit';

/** The message log's query keys: the page's filters, and each booking's history. */
export const messageKeys = {
  all: ['admin', 'messages'] as const,
  booking: (id: string) => ['admin', 'messages', 'booking', id] as const,
};

export const MESSAGE_STATUS_LABEL: Record<MessageDto['status'], string> = {
  recorded: 'Recorded (not sent)',
  sending: 'Sending',
  needs_review: 'Needs review',
  sent: 'Sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  failed: 'Failed',
  undelivered: 'Undelivered',
};

/** "Resend": a new log entry to the same recipient; refreshes every list of messages. */
export function useResend() {
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const notify = useToast();
  return useMutation({
    mutationFn: (id: string) => session.sdk.admin.messages.resend({ params: { id } }),
    onSuccess: (m) => {
      notify(`Sent again to ${m.to}`);
      void queryClient.invalidateQueries({ queryKey: messageKeys.all });
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });
}

/** One message as a row of details: what, to whom, when, status, provider id, error, and its text. */
export function MessageItem({ m, zone, canResend }: { m: MessageDto; zone: string; canResend: boolean }) {
  const [open, setOpen] = useState(false);
  const resend = useResend();
  return (
    <li className="message" data-testid="message">
      <div className="message__head">
        <span className="badge">{m.channel === 'sms' ? 'SMS' : 'Email'}</span>{' '}
        <strong>{m.template}</strong> <span className="muted">to {m.to}</span>{' '}
        <span className={`badge badge--msg-${m.status}`}>{MESSAGE_STATUS_LABEL[m.status]}</span>
        {m.resendOf && <span className="muted small"> · resend</span>}
      </div>
      <div className="muted small">
        {formatShortDateTime(m.createdAt, zone, 'en')}
        {m.providerMessageId && <> · id <span className="mono">{m.providerMessageId}</span></>}
        {m.error && <span className="field__error"> · {m.error}</span>}
      </div>
      {m.subject && <div>{m.subject}</div>}
      <div className="message__actions">
        <button type="button" className="btn btn--ghost btn--small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide text' : 'Show text'}
        </button>
        {canResend && (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            disabled={resend.isPending}
            onClick={() => resend.mutate(m.id)}
          >
            {resend.isPending ? 'Sending…' : 'Resend'}
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
  const list = useQuery({
    queryKey: messageKeys.booking(bookingId),
    enabled: can('staff'),
    queryFn: () => session.sdk.admin.messages.list({ query: { bookingId, limit: 50 } }),
  });
  if (!can('staff')) return null;
  return (
    <section aria-label="Messages">
      <h3 className="section-title">Messages</h3>
      {list.isPending ? (
        <p className="muted">Loading messages…</p>
      ) : list.isError ? (
        <p className="field__error">{apiMessage(list.error)}</p>
      ) : list.data.items.length === 0 ? (
        <p className="muted">No messages about this booking yet.</p>
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
