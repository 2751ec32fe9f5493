import { useState } from 'react';
import { formatMoney } from '../../shared/money';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList, useServiceList, type Service } from '../data';
import { PageHeader } from '../ui/kit';
import { ServiceDialog } from './services/ServiceDialog';
import { useI18n } from '../../shared/i18n';
import { EditCell, StateCell } from '../ui/catalog-cells';

export function ServicesPage() {
  const { can } = useAuth();
  const { t, locale } = useI18n();
  const services = useServiceList();
  const providers = useProviderList();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const canEdit = can('admin');

  return (
    <>
      <PageHeader
        title={t('admin.services.title')}
        description={t('admin.services.description')}
        actions={
          canEdit && (
            <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
              {t('admin.services.new')}
            </button>
          )
        }
      />
      {services.isPending ? (
        <Loading label={t('admin.services.loading')} />
      ) : services.isError ? (
        <ErrorState title={t('admin.services.loadError')} onRetry={() => services.refetch()} />
      ) : services.data.length === 0 ? (
        <Empty title={t('admin.services.empty')}>
          <p>{t('admin.services.emptyText')}</p>
          {canEdit && (
            <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
              {t('admin.services.addFirst')}
            </button>
          )}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.services.colService')}</th>
                <th scope="col">{t('admin.services.colDuration')}</th>
                <th scope="col">{t('admin.services.colPrice')}</th>
                <th scope="col">{t('admin.services.colOfferedBy')}</th>
                <th scope="col">{t('admin.services.colStatus')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.services.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <strong>{s.name}</strong>
                    {s.category && <div className="muted small">{s.category}</div>}
                  </td>
                  <td>{t('admin.services.minutes', { m: s.durationMinutes })}</td>
                  <td>
                    {s.priceCents
                      ? formatMoney(s.priceCents, s.currency, locale)
                      : t('admin.services.free')}
                  </td>
                  <td>
                    {s.providerIds.length === 0 ? (
                      <span className="warn-text">{t('admin.services.nobody')}</span>
                    ) : (
                      s.providerIds
                        .map((id) => providers.data?.find((p) => p.id === id)?.name ?? '…')
                        .join(', ')
                    )}
                  </td>
                  <StateCell
                    active={s.active}
                    on={t('admin.services.bookable')}
                    off={t('admin.services.hidden')}
                  />
                  <EditCell
                    canEdit={canEdit}
                    label={t('admin.services.editLabel', { name: s.name })}
                    text={t('admin.services.edit')}
                    onEdit={() => setEditing(s)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ServiceDialog
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
