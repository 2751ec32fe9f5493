import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { formatMoney } from '../../shared/money';
import { Link, navigate } from '../../shared/router';
import { formatDateTime, formatShortDateTime } from '../../shared/time';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { statusKey } from '../BookingDialog';
import { adminKeys } from '../data';
import { download } from '../download';
import { apiMessage, Card, ErrorNote, PageHeader, TextArea, TextInput, useToast } from '../ui/kit';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function CustomersPage({ openId }: { openId?: string }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useInfiniteQuery({
    queryKey: [...adminKeys.customers, 'list', q],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    queryFn: async ({ pageParam }: { pageParam: string | undefined }) =>
      await session.sdk.customers.list({
        query: {
          limit: 50,
          ...(q ? { search: q } : {}),
          ...(pageParam ? { cursor: pageParam } : {}),
        },
      }),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('admin.customers.title')}
        description={t('admin.customers.description')}
      />
      <div className={`split${openId ? ' split--detail-open' : ''}`}>
        <div className="split__list">
          <div role="search" className="search">
            <TextInput
              label={t('admin.customers.search')}
              type="search"
              placeholder={t('admin.customers.searchPlaceholder')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          {list.isPending ? (
            <Loading label={t('admin.customers.loading')} />
          ) : list.isError ? (
            <ErrorState
              title={t('admin.customers.loadError')}
              retryLabel={t('admin.common.tryAgain')}
              message={apiMessage(list.error)}
              onRetry={() => list.refetch()}
            />
          ) : rows.length === 0 ? (
            <Empty title={q ? t('admin.customers.noMatch', { q }) : t('admin.customers.none')} />
          ) : (
            <ul className="list" aria-label={t('admin.customers.title')}>
              {rows.map((c) => (
                <li key={c.id}>
                  <Link
                    to={`/admin/customers/${c.id}`}
                    className={`list__item${openId === c.id ? ' list__item--active' : ''}`}
                    aria-current={openId === c.id ? 'true' : undefined}
                  >
                    <span>
                      <strong>{c.name}</strong>
                      <span className="muted small block">
                        {[c.email, c.phone].filter(Boolean).join(' · ') || '—'}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {list.hasNextPage && (
            <button
              type="button"
              className="btn btn--secondary btn--block"
              onClick={() => list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {t('admin.common.loadMore')}
            </button>
          )}
        </div>
        <div className="split__detail">
          {openId ? (
            <CustomerProfile key={openId} id={openId} />
          ) : (
            <p className="muted pad">{t('admin.customers.choose')}</p>
          )}
        </div>
      </div>
    </>
  );
}

function CustomerProfile({ id }: { id: string }) {
  const { session, me, can } = useAuth();
  const zone = me.tenant.timeZone;
  const queryClient = useQueryClient();
  const notify = useToast();
  const { t, locale } = useI18n();
  const key = [...adminKeys.customers, 'one', id];
  const profile = useQuery({
    queryKey: key,
    queryFn: () => session.sdk.customers.get({ params: { id } }),
  });
  const [notes, setNotes] = useState<string | null>(null);
  const [edit, setEdit] = useState<{ name: string; email: string; phone: string } | null>(null);

  const update = useMutation({
    mutationFn: (body: {
      notes?: string;
      name?: string;
      email?: string | null;
      phone?: string | null;
    }) => session.sdk.customers.update({ params: { id }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.customers });
      setNotes(null);
      setEdit(null);
      notify(t('admin.customers.saved'));
    },
  });
  const exportData = useMutation({
    mutationFn: () => session.sdk.customers.export({ params: { id } }),
    onSuccess: (data) =>
      download(`customer-${id}.json`, JSON.stringify(data, null, 2), 'application/json'),
    onError: (err) => notify(apiMessage(err), 'error'),
  });
  const erase = useMutation({
    mutationFn: () => session.sdk.customers.erase({ params: { id } }),
    onSuccess: () => {
      // Drop cached lists outright: an erased person's name must not flash back from the cache.
      queryClient.removeQueries({ queryKey: adminKeys.customers });
      notify(t('admin.customers.erased'));
      navigate('/admin/customers');
    },
    onError: (err) => notify(apiMessage(err), 'error'),
  });

  if (profile.isPending) return <Loading label={t('admin.customers.loadingProfile')} />;
  if (profile.isError)
    return (
      <ErrorState
        title={t('admin.customers.profileError')}
        retryLabel={t('admin.common.tryAgain')}
        message={apiMessage(profile.error)}
        onRetry={() => profile.refetch()}
      />
    );
  const { customer: c, stats, recentBookings } = profile.data;

  return (
    <div className="stack">
      <Link to="/admin/customers" className="back-link">
        {t('admin.customers.all')}
      </Link>
      <Card
        title={c.name}
        actions={
          <div className="actions actions--tight">
            {can('staff') && !edit && (
              <button
                type="button"
                className="btn btn--secondary btn--small"
                onClick={() =>
                  setEdit({ name: c.name, email: c.email ?? '', phone: c.phone ?? '' })
                }
              >
                {t('admin.common.edit')}
              </button>
            )}
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => exportData.mutate()}
              disabled={exportData.isPending}
            >
              {t('admin.customers.export')}
            </button>
            {can('admin') && (
              <button
                type="button"
                className="btn btn--ghost btn--small danger-text"
                onClick={() =>
                  window.confirm(t('admin.customers.eraseConfirm', { name: c.name })) &&
                  erase.mutate()
                }
              >
                {t('admin.customers.erase')}
              </button>
            )}
          </div>
        }
      >
        {edit ? (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({
                name: edit.name,
                email: edit.email.trim() || null,
                phone: edit.phone.trim() || null,
              });
            }}
          >
            <TextInput
              label={t('admin.common.name')}
              value={edit.name}
              onChange={(e) => setEdit({ ...edit, name: e.target.value })}
              required
            />
            <div className="grid-2">
              <TextInput
                label={t('admin.common.email')}
                type="email"
                value={edit.email}
                onChange={(e) => setEdit({ ...edit, email: e.target.value })}
              />
              <TextInput
                label={t('admin.common.phone')}
                type="tel"
                value={edit.phone}
                onChange={(e) => setEdit({ ...edit, phone: e.target.value })}
              />
            </div>
            <ErrorNote error={update.error} />
            <div className="actions actions--tight">
              <button className="btn btn--primary btn--small">{t('admin.common.save')}</button>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={() => setEdit(null)}
              >
                {t('admin.common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <dl className="facts facts--2">
            <div>
              <dt>{t('admin.common.email')}</dt>
              <dd>{c.email ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('admin.common.phone')}</dt>
              <dd>{c.phone ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('admin.customers.since')}</dt>
              <dd>{formatDateTime(c.createdAt, zone, locale)}</dd>
            </div>
            {c.timeZone && (
              <div>
                <dt>{t('admin.customers.theirZone')}</dt>
                <dd>{c.timeZone}</dd>
              </div>
            )}
          </dl>
        )}
      </Card>
      <div className="stats stats--compact">
        <div className="stat">
          <span className="stat__label">{t('admin.customers.visits')}</span>
          <span className="stat__value">{stats.visits}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('admin.customers.upcoming')}</span>
          <span className="stat__value">{stats.upcoming}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('admin.customers.noShows')}</span>
          <span className="stat__value">{stats.noShows}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('admin.customers.cancellations')}</span>
          <span className="stat__value">{stats.cancellations}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t('admin.customers.spent')}</span>
          <span className="stat__value">
            {formatMoney(stats.totalSpentCents, stats.currency, locale)}
          </span>
        </div>
      </div>
      <Card title={t('admin.customers.notes')}>
        <form
          className="stack stack--tight"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ notes: notes ?? c.notes });
          }}
        >
          <TextArea
            label={t('admin.customers.privateNotes')}
            value={notes ?? c.notes}
            onChange={(e) => setNotes(e.target.value)}
            disabled={!can('staff')}
          />
          {can('staff') && (
            <div>
              <button
                className="btn btn--secondary btn--small"
                disabled={notes === null || notes === c.notes || update.isPending}
              >
                {t('admin.common.saveNotes')}
              </button>
            </div>
          )}
        </form>
      </Card>
      <Card title={t('admin.customers.history')}>
        {recentBookings.length === 0 ? (
          <p className="muted">{t('admin.customers.noBookings')}</p>
        ) : (
          <ul className="agenda">
            {recentBookings.map((b) => (
              <li key={b.id}>
                <Link to={`/admin/bookings/${b.id}`} className="agenda__item">
                  <span className="agenda__time">
                    {formatShortDateTime(b.startAt, zone, locale)}
                  </span>
                  <span className="agenda__main">
                    <strong>{b.service.name}</strong>
                    <span className="muted small">
                      {t('admin.customers.withPrice', {
                        provider: b.provider.name,
                        price: formatMoney(b.priceCents, b.currency, locale),
                      })}
                    </span>
                  </span>
                  <span className={`badge badge--${b.status}`}>{t(statusKey(b.status))}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
