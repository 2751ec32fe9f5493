import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MESSAGE_STATUSES } from '@slotwise/contracts';
import { Empty, ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { MESSAGE_STATUS_LABEL, MessageItem, messageKeys } from '../../messages';
import { apiMessage, Card } from '../../ui/kit';

interface Filters {
  channel: '' | 'email' | 'sms';
  status: string;
  template: string;
  to: string;
}

/**
 * The message log: every email and text of the business. In the embedded default (no Postmark,
 * no Twilio) messages are only recorded, and this is where you see what would have been sent.
 */
export function MessageLogSection() {
  const { session, me, can } = useAuth();
  const [filters, setFilters] = useState<Filters>({
    channel: '',
    status: '',
    template: '',
    to: '',
  });
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setFilters({ ...filters, [k]: e.target.value });
  const list = useInfiniteQuery({
    queryKey: [...messageKeys.all, 'page', filters],
    // The log holds customers' contact details: staff and up (the API says 403 to viewers).
    enabled: can('staff'),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) =>
      session.sdk.admin.messages.list({
        query: {
          limit: 50,
          ...(pageParam ? { cursor: pageParam } : {}),
          ...(filters.channel ? { channel: filters.channel } : {}),
          ...(filters.status
            ? { status: filters.status as (typeof MESSAGE_STATUSES)[number] }
            : {}),
          ...(filters.template.trim() ? { template: filters.template.trim() } : {}),
          ...(filters.to.trim() ? { to: filters.to.trim() } : {}),
        },
      }),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title="Sent emails and texts">
      <p className="muted small">
        Every email and text message sent to customers and your team, with its delivery status.
        Without an email or SMS provider configured, messages are recorded here instead of being
        sent.
      </p>
      <form
        className="filters"
        role="search"
        aria-label="Filter messages"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          <span>Channel</span>
          <select className="input" value={filters.channel} onChange={set('channel')}>
            <option value="">Email and SMS</option>
            <option value="email">Email</option>
            <option value="sms">SMS</option>
          </select>
        </label>
        <label>
          <span>Status</span>
          <select className="input" value={filters.status} onChange={set('status')}>
            <option value="">Any status</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {MESSAGE_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Template</span>
          <input
            className="input"
            placeholder="e.g. booking.confirmed"
            value={filters.template}
            onChange={set('template')}
          />
        </label>
        <label>
          <span>Recipient</span>
          <input
            className="input"
            placeholder="Email or phone"
            value={filters.to}
            onChange={set('to')}
          />
        </label>
      </form>
      {!can('staff') ? (
        <Empty title="Messages are for staff and up">
          <p>Ask an admin of {me.tenant.name} for the staff role to see the message log.</p>
        </Empty>
      ) : list.isPending ? (
        <Loading label="Loading messages…" />
      ) : list.isError ? (
        <ErrorState
          title="Could not load messages"
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : rows.length === 0 ? (
        <Empty title="No messages match">
          <p>Booking confirmations, changes and account emails appear here as they are sent.</p>
        </Empty>
      ) : (
        <>
          <ul className="messages" aria-label="Message log">
            {rows.map((m) => (
              <MessageItem key={m.id} m={m} zone={me.tenant.timeZone} canResend={can('staff')} />
            ))}
          </ul>
          {list.hasNextPage && (
            <button
              type="button"
              className="btn btn--secondary"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </Card>
  );
}
