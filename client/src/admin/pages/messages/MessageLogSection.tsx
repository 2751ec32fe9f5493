import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MESSAGE_STATUSES } from '@slotwise/contracts';
import { Empty, ErrorState, Loading } from '../../../shared/ui/states';
import { useAuth } from '../../auth';
import { MessageItem, messageKeys } from '../../messages';
import { apiMessage, Card } from '../../ui/kit';
import { useI18n } from '../../../shared/i18n';

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
  const { t } = useI18n();
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
    <Card title={t('admin.messages.log.title')}>
      <p className="muted small">
        {t('admin.messages.log.note')}
      </p>
      <form
        className="filters"
        role="search"
        aria-label={t('admin.messages.log.filter')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          <span>{t('admin.messages.log.channel')}</span>
          <select className="input" value={filters.channel} onChange={set('channel')}>
            <option value="">{t('admin.messages.log.anyChannel')}</option>
            <option value="email">{t('admin.messages.log.email')}</option>
            <option value="sms">{t('admin.messages.log.sms')}</option>
          </select>
        </label>
        <label>
          <span>{t('admin.messages.log.status')}</span>
          <select className="input" value={filters.status} onChange={set('status')}>
            <option value="">{t('admin.messages.log.anyStatus')}</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.messages.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('admin.messages.log.template')}</span>
          <input
            className="input"
            placeholder={t('admin.messages.log.templatePlaceholder')}
            value={filters.template}
            onChange={set('template')}
          />
        </label>
        <label>
          <span>{t('admin.messages.log.recipient')}</span>
          <input
            className="input"
            placeholder={t('admin.messages.log.recipientPlaceholder')}
            value={filters.to}
            onChange={set('to')}
          />
        </label>
      </form>
      {!can('staff') ? (
        <Empty title={t('admin.messages.log.staffOnly')}>
          <p>{t('admin.messages.log.staffOnlyText', { business: me.tenant.name })}</p>
        </Empty>
      ) : list.isPending ? (
        <Loading label={t('admin.messages.log.loading')} />
      ) : list.isError ? (
        <ErrorState
          title={t('admin.messages.log.loadError')}
          message={apiMessage(list.error)}
          onRetry={() => list.refetch()}
        />
      ) : rows.length === 0 ? (
        <Empty title={t('admin.messages.log.empty')}>
          <p>{t('admin.messages.log.emptyText')}</p>
        </Empty>
      ) : (
        <>
          <ul className="messages" aria-label={t('admin.messages.log.list')}>
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
              {list.isFetchingNextPage ? t('admin.messages.log.loadingMore') : t('admin.messages.log.more')}
            </button>
          )}
        </>
      )}
    </Card>
  );
}
