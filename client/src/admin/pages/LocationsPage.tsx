import { useState } from 'react';
import type { Location } from '@slotwise/contracts';
import { formatAddress } from '../../shared/address';
import { useI18n } from '../../shared/i18n';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList } from '../data';
import { PageHeader } from '../ui/kit';
import { LocationDialog } from './locations/LocationDialog';
import { useLocationList } from './locations/queries';
import { EditCell, StateCell } from '../ui/catalog-cells';

/** The business's sites (ADR 0019): address, zone, who works there, whether customers see it. */
export function LocationsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const locations = useLocationList();
  const providers = useProviderList();
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const canEdit = can('admin');
  const addButton = (label: string) =>
    canEdit && (
      <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
        {label}
      </button>
    );

  return (
    <>
      <PageHeader
        title={t('admin.locations.title')}
        description={t('admin.locations.description')}
        actions={addButton(t('admin.locations.new'))}
      />
      {locations.isPending ? (
        <Loading label={t('admin.locations.loading')} />
      ) : locations.isError ? (
        <ErrorState title={t('admin.locations.loadError')} onRetry={() => locations.refetch()} />
      ) : locations.data.length === 0 ? (
        <Empty title={t('admin.locations.empty')}>
          <p>{t('admin.locations.emptyHint')}</p>
          {addButton(t('admin.locations.add'))}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.locations.col.name')}</th>
                <th scope="col">{t('admin.locations.col.address')}</th>
                <th scope="col">{t('admin.locations.col.zone')}</th>
                <th scope="col">{t('admin.locations.col.staff')}</th>
                <th scope="col">{t('admin.locations.col.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.locations.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {locations.data.map((l) => (
                <tr key={l.id}>
                  <td>
                    <strong>{l.name}</strong>
                    {l.phone && <div className="muted small">{l.phone}</div>}
                  </td>
                  <td>{formatAddress(l.address)}</td>
                  <td>{l.timeZone.replace(/_/g, ' ')}</td>
                  <td>
                    {l.providerIds
                      .map((id) => providers.data?.find((p) => p.id === id)?.name ?? '…')
                      .join(', ')}
                  </td>
                  <StateCell
                    active={l.active}
                    on={t('admin.locations.status.active')}
                    off={t('admin.locations.status.inactive')}
                  />
                  <EditCell
                    canEdit={canEdit}
                    label={t('admin.locations.editNamed', { name: l.name })}
                    text={t('admin.locations.edit')}
                    onEdit={() => setEditing(l)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <LocationDialog
          location={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
