import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formatMoney, minorToInput, parseMoney } from '../../shared/money';
import { Empty, ErrorState, Loading } from '../../shared/ui/states';
import { useAuth } from '../auth';
import {
  adminKeys,
  useProviderList,
  useServiceList,
  useTenantProfile,
  type Service,
} from '../data';
import {
  Checkbox,
  CheckboxSet,
  Dialog,
  ErrorNote,
  fieldErrors,
  PageHeader,
  Select,
  TextArea,
  TextInput,
  useToast,
} from '../ui/kit';

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

function ServiceDialog({ service, onClose }: { service: Service | null; onClose(): void }) {
  const { session } = useAuth();
  const tenant = useTenantProfile();
  const providers = useProviderList();
  const queryClient = useQueryClient();
  const notify = useToast();
  const currency = service?.currency ?? tenant.data?.currency ?? 'USD';
  const [f, setF] = useState({
    name: service?.name ?? '',
    description: service?.description ?? '',
    category: service?.category ?? '',
    durationMinutes: String(service?.durationMinutes ?? 60),
    price: service ? minorToInput(service.priceCents, currency) : '',
    depositType: service?.deposit.type ?? 'none',
    depositValue: service
      ? service.deposit.type === 'fixed'
        ? minorToInput(service.deposit.value, currency)
        : String(service.deposit.value)
      : '0',
    bufferBeforeMinutes: String(service?.bufferBeforeMinutes ?? 0),
    bufferAfterMinutes: String(service?.bufferAfterMinutes ?? 0),
    capacity: String(service?.capacity ?? 1),
    minNoticeHours: String((service?.minNoticeMinutes ?? 0) / 60),
    maxAdvanceDays: String(service?.maxAdvanceDays ?? 365),
    slotIntervalMinutes: service?.slotIntervalMinutes ? String(service.slotIntervalMinutes) : '',
    requiresApproval: service?.requiresApproval ?? false,
    active: service?.active ?? true,
    providerIds: service?.providerIds ?? [],
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const int = (s: string) => (s.trim() === '' ? NaN : Math.round(Number(s)));

  const body = () => {
    const priceCents = f.price.trim() === '' ? 0 : parseMoney(f.price, currency);
    const depositValue =
      f.depositType === 'none'
        ? 0
        : f.depositType === 'fixed'
          ? parseMoney(f.depositValue, currency)
          : int(f.depositValue);
    return {
      name: f.name,
      description: f.description,
      category: f.category.trim() || null,
      durationMinutes: int(f.durationMinutes),
      priceCents,
      deposit: { type: f.depositType as 'none' | 'fixed' | 'percent', value: depositValue },
      bufferBeforeMinutes: int(f.bufferBeforeMinutes),
      bufferAfterMinutes: int(f.bufferAfterMinutes),
      capacity: int(f.capacity),
      minNoticeMinutes: Math.round(Number(f.minNoticeHours || '0') * 60),
      maxAdvanceDays: int(f.maxAdvanceDays),
      slotIntervalMinutes: f.slotIntervalMinutes.trim() ? int(f.slotIntervalMinutes) : null,
      requiresApproval: f.requiresApproval,
      active: f.active,
      providerIds: f.providerIds,
    };
  };

  const save = useMutation({
    mutationFn: () =>
      service
        ? session.sdk.services.update({ params: { id: service.id }, body: body() })
        : session.sdk.services.create({ body: body() }),
    onSuccess: (s) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      void queryClient.invalidateQueries({ queryKey: adminKeys.providers });
      notify(service ? `Saved “${s.name}”` : `Created “${s.name}”`);
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => session.sdk.services.remove({ params: { id: service!.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.services });
      notify('Service deleted');
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Dialog open title={service ? `Edit ${service.name}` : 'New service'} onClose={onClose} wide>
      <form className="form" onSubmit={submit} id="service-form">
        {save.isError && <ErrorNote error={save.error} />}
        <TextInput
          label="Name"
          required
          value={f.name}
          onChange={set('name')}
          error={errors.name}
          autoFocus
        />
        <TextArea
          label="Description"
          value={f.description}
          onChange={set('description')}
          error={errors.description}
        />
        <div className="grid-3">
          <TextInput
            label="Duration (minutes)"
            type="number"
            min={5}
            max={1440}
            step={5}
            required
            value={f.durationMinutes}
            onChange={set('durationMinutes')}
            error={errors.durationMinutes}
          />
          <TextInput
            label={`Price (${currency})`}
            inputMode="decimal"
            placeholder="0.00"
            value={f.price}
            onChange={set('price')}
            error={errors.priceCents}
          />
          <TextInput
            label="Category"
            placeholder="e.g. Hair"
            value={f.category}
            onChange={set('category')}
            error={errors.category}
          />
        </div>
        <div className="grid-3">
          <Select label="Deposit" value={f.depositType} onChange={set('depositType')}>
            <option value="none">No deposit</option>
            <option value="fixed">Fixed amount</option>
            <option value="percent">Percent of price</option>
          </Select>
          {f.depositType !== 'none' && (
            <TextInput
              label={f.depositType === 'fixed' ? `Deposit (${currency})` : 'Deposit (%)'}
              inputMode="decimal"
              value={f.depositValue}
              onChange={set('depositValue')}
              error={errors['deposit.value'] ?? errors.deposit}
            />
          )}
          <TextInput
            label="Seats per slot"
            type="number"
            min={1}
            max={1000}
            hint="More than 1 makes it a class"
            value={f.capacity}
            onChange={set('capacity')}
            error={errors.capacity}
          />
        </div>
        <details className="disclosure">
          <summary>Scheduling rules</summary>
          <div className="grid-3">
            <TextInput
              label="Buffer before (min)"
              type="number"
              min={0}
              value={f.bufferBeforeMinutes}
              onChange={set('bufferBeforeMinutes')}
              error={errors.bufferBeforeMinutes}
            />
            <TextInput
              label="Buffer after (min)"
              type="number"
              min={0}
              value={f.bufferAfterMinutes}
              onChange={set('bufferAfterMinutes')}
              error={errors.bufferAfterMinutes}
            />
            <TextInput
              label="Start times every (min)"
              type="number"
              min={5}
              placeholder="= duration"
              value={f.slotIntervalMinutes}
              onChange={set('slotIntervalMinutes')}
              error={errors.slotIntervalMinutes}
            />
            <TextInput
              label="Minimum notice (hours)"
              type="number"
              min={0}
              step="0.5"
              value={f.minNoticeHours}
              onChange={set('minNoticeHours')}
              error={errors.minNoticeMinutes}
            />
            <TextInput
              label="Book up to (days ahead)"
              type="number"
              min={1}
              max={730}
              value={f.maxAdvanceDays}
              onChange={set('maxAdvanceDays')}
              error={errors.maxAdvanceDays}
            />
          </div>
        </details>
        <CheckboxSet
          legend="Offered by"
          items={providers.data}
          selected={f.providerIds}
          onChange={(providerIds) => setF({ ...f, providerIds })}
          empty="No staff yet: add them under Staff & hours, then tick them here."
          error={errors.providerIds}
        />
        <div className="grid-2">
          <Checkbox
            label="Bookable online"
            checked={f.active}
            onChange={(e) => setF({ ...f, active: e.target.checked })}
          />
          <Checkbox
            label="Requests need my approval"
            checked={f.requiresApproval}
            onChange={(e) => setF({ ...f, requiresApproval: e.target.checked })}
          />
        </div>
        <div className="dialog__actions">
          {service && (
            <button
              type="button"
              className="btn btn--ghost danger-text"
              onClick={() =>
                window.confirm(`Delete “${service.name}”? Existing bookings keep it.`) &&
                remove.mutate()
              }
              disabled={remove.isPending}
            >
              Delete
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : service ? 'Save changes' : 'Create service'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
