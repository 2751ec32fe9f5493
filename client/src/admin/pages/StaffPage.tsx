import { useState } from 'react';
import { Link } from '../../shared/router';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList, useServiceList, type Provider } from '../data';
import { Card, PageHeader } from '../ui/kit';
import { ProviderDialog } from './staff/ProviderDialog';
import { Holidays } from './staff/Holidays';
import { TimeOff } from './staff/TimeOff';
import { WeeklyHours } from './staff/WeeklyHours';
import { useI18n } from '../../shared/i18n';

export function StaffPage({ openId }: { openId?: string }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const providers = useProviderList();
  const [creating, setCreating] = useState(false);
  const selected =
    providers.data?.find((p) => p.id === openId) ?? (openId ? undefined : providers.data?.[0]);

  return (
    <>
      <PageHeader
        title={t('admin.staff.title')}
        description={t('admin.staff.description')}
        actions={
          can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              {t('admin.staff.add')}
            </button>
          )
        }
      />
      {providers.isPending ? (
        <Loading label={t('admin.staff.loading')} />
      ) : providers.isError ? (
        <ErrorState title={t('admin.staff.loadError')} onRetry={() => providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <Empty title={t('admin.staff.empty')}>
          <p>{t('admin.staff.emptyText')}</p>
          {can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              {t('admin.staff.add')}
            </button>
          )}
        </Empty>
      ) : (
        <div className="split">
          <nav aria-label={t('admin.staff.listLabel')} className="split__list">
            <ul className="list">
              {providers.data.map((p) => (
                <li key={p.id}>
                  <Link
                    to={`/admin/staff/${p.id}`}
                    className={`list__item${selected?.id === p.id ? ' list__item--active' : ''}`}
                    aria-current={selected?.id === p.id ? 'true' : undefined}
                  >
                    <span
                      className="dot"
                      style={{ background: p.color ?? '#9ca3af' }}
                      aria-hidden="true"
                    />
                    <span>
                      <strong>{p.name}</strong>
                      <span className="muted small block">
                        {p.kind === 'room' ? t('admin.staff.kindRoom') : t('admin.staff.kindStaff')}{' '}
                        · {p.timeZone}
                        {!p.active && ` · ${t('admin.staff.inactive')}`}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="split__detail">
            {selected ? (
              <ProviderDetail key={selected.id} provider={selected} />
            ) : (
              <ErrorState title={t('admin.staff.notFound')} />
            )}
          </div>
        </div>
      )}
      <Holidays />
      {creating && <ProviderDialog provider={null} onClose={() => setCreating(false)} />}
    </>
  );
}

function ProviderDetail({ provider }: { provider: Provider }) {
  const { can } = useAuth();
  const { t } = useI18n();
  const services = useServiceList();
  const [editing, setEditing] = useState(false);
  return (
    <div className="stack">
      <Card
        title={provider.name}
        actions={
          can('admin') && (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => setEditing(true)}
            >
              {t('admin.staff.editProfile')}
            </button>
          )
        }
      >
        <dl className="facts">
          <div>
            <dt>{t('admin.staff.offers')}</dt>
            <dd>
              {provider.serviceIds.length ? (
                provider.serviceIds
                  .map((id) => services.data?.find((s) => s.id === id)?.name ?? '…')
                  .join(', ')
              ) : (
                <span className="warn-text">{t('admin.staff.noServices')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('admin.staff.timeZone')}</dt>
            <dd>{provider.timeZone}</dd>
          </div>
          {provider.email && (
            <div>
              <dt>{t('admin.staff.email')}</dt>
              <dd>{provider.email}</dd>
            </div>
          )}
        </dl>
      </Card>
      <WeeklyHours provider={provider} />
      <TimeOff provider={provider} />
      {editing && <ProviderDialog provider={provider} onClose={() => setEditing(false)} />}
    </div>
  );
}
