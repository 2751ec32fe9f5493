import { useState } from 'react';
import { formatMoney } from '../../shared/money';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import { useProviderList, useServiceList, type Service } from '../data';
import { PageHeader } from '../ui/kit';
import { ServiceDialog } from './services/ServiceDialog';

export function ServicesPage() {
  const { can } = useAuth();
  const services = useServiceList();
  const providers = useProviderList();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const canEdit = can('admin');

  return (
    <>
      <PageHeader
        title="Services"
        description="What customers can book: duration, price, deposit and who offers it."
        actions={
          canEdit && (
            <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
              New service
            </button>
          )
        }
      />
      {services.isPending ? (
        <Loading label="Loading services…" />
      ) : services.isError ? (
        <ErrorState title="Could not load services" onRetry={() => services.refetch()} />
      ) : services.data.length === 0 ? (
        <Empty title="No services yet">
          <p>Add the first thing customers can book, such as “Haircut, 45 minutes, $40”.</p>
          {canEdit && (
            <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
              Add a service
            </button>
          )}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Duration</th>
                <th scope="col">Price</th>
                <th scope="col">Offered by</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
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
                  <td>{s.durationMinutes} min</td>
                  <td>{s.priceCents ? formatMoney(s.priceCents, s.currency, 'en') : 'Free'}</td>
                  <td>
                    {s.providerIds.length === 0 ? (
                      <span className="warn-text">Nobody yet</span>
                    ) : (
                      s.providerIds
                        .map((id) => providers.data?.find((p) => p.id === id)?.name ?? '…')
                        .join(', ')
                    )}
                  </td>
                  <td>
                    {s.active ? (
                      <span className="badge badge--completed">Bookable</span>
                    ) : (
                      <span className="badge">Hidden</span>
                    )}
                  </td>
                  <td className="cell-actions">
                    {canEdit && (
                      <button
                        type="button"
                        className="btn btn--secondary btn--small"
                        onClick={() => setEditing(s)}
                        aria-label={`Edit ${s.name}`}
                      >
                        Edit
                      </button>
                    )}
                  </td>
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
