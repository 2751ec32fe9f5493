import type { Resource } from '@slotwise/contracts';
import { Armchair } from 'lucide-react';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { PageHeader } from '../ui/kit';
import { useResourceList } from './resources/data';
import { ResourceDialog } from './resources/ResourceDialog';
import { EditCell, StateCell } from '../ui/catalog-cells';

/** The admin nav's entry for this page (App.tsx lists it). */
export const RESOURCES_NAV = { to: '/admin/resources', label: 'admin.resources.title' as const, icon: Armchair };

/** Rooms, chairs and equipment services can require (docs/guides/teams-and-resources.md). */
export function ResourcesPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const resources = useResourceList();
  const [editing, setEditing] = useState<Resource | 'new' | null>(null);
  const canEdit = can('admin');
  const addButton = canEdit && (
    <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
      {t('admin.resources.new')}
    </button>
  );

  return (
    <>
      <PageHeader title={t('admin.resources.title')} description={t('admin.resources.description')} actions={addButton} />
      {resources.isPending ? (
        <Loading label={t('admin.resources.loading')} />
      ) : resources.isError ? (
        <ErrorState title={t('error.title')} onRetry={() => resources.refetch()} />
      ) : resources.data.length === 0 ? (
        <Empty title={t('admin.resources.empty')}>
          {addButton}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.resources.colName')}</th>
                <th scope="col">{t('admin.resources.colKind')}</th>
                <th scope="col">{t('admin.resources.colCapacity')}</th>
                <th scope="col">{t('admin.resources.isActive')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.resources.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {resources.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <strong>{r.name}</strong>
                  </td>
                  <td>{t(`admin.resources.kind.${r.kind}`)}</td>
                  <td>{r.capacity}</td>
                  <StateCell active={r.active} on={t('admin.resources.active')} off={t('admin.resources.inactive')} />
                  <EditCell
                    canEdit={canEdit}
                    label={t('admin.resources.editNamed', { name: r.name })}
                    text={t('admin.resources.edit')}
                    onEdit={() => setEditing(r)}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <ResourceDialog resource={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
