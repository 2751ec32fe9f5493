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

export function StaffPage({ openId }: { openId?: string }) {
  const { can } = useAuth();
  const providers = useProviderList();
  const [creating, setCreating] = useState(false);
  const selected =
    providers.data?.find((p) => p.id === openId) ?? (openId ? undefined : providers.data?.[0]);

  return (
    <>
      <PageHeader
        title="Staff & hours"
        description="The people (or rooms) customers book, their weekly hours and time off, and the days the business is closed."
        actions={
          can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              Add staff member
            </button>
          )
        }
      />
      {providers.isPending ? (
        <Loading label="Loading staff…" />
      ) : providers.isError ? (
        <ErrorState title="Could not load staff" onRetry={() => providers.refetch()} />
      ) : providers.data.length === 0 ? (
        <Empty title="No staff yet">
          <p>
            Add yourself or your team: each person gets their own working hours and calendar column.
          </p>
          {can('admin') && (
            <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
              Add staff member
            </button>
          )}
        </Empty>
      ) : (
        <div className="split">
          <nav aria-label="Staff members" className="split__list">
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
                        {p.kind === 'room' ? 'Room' : 'Staff'} · {p.timeZone}
                        {!p.active && ' · inactive'}
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
              <ErrorState title="No such staff member" />
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
              Edit profile
            </button>
          )
        }
      >
        <dl className="facts">
          <div>
            <dt>Offers</dt>
            <dd>
              {provider.serviceIds.length ? (
                provider.serviceIds
                  .map((id) => services.data?.find((s) => s.id === id)?.name ?? '…')
                  .join(', ')
              ) : (
                <span className="warn-text">No services yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{provider.timeZone}</dd>
          </div>
          {provider.email && (
            <div>
              <dt>Email</dt>
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
